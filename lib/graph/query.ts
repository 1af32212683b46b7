import { z } from 'zod';
import { dnsNameList } from '../names';
import { graphTypeSchema } from './types';

/** Durations the UI offers; the API accepts any `<n>s|m|h|d` from 1m to 1d. */
export const DURATION_CHOICES = ['1m', '5m', '10m', '30m', '1h', '3h', '6h', '12h', '1d'] as const;

const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "5m" -> 300. */
export function parseDuration(s: string): number | undefined {
  const m = /^(\d{1,6})(s|m|h|d)$/.exec(s);
  return m ? Number(m[1]) * (UNIT[m[2] as string] as number) : undefined;
}

export const durationParam = z
  .string()
  .transform((s, ctx) => {
    const v = parseDuration(s);
    if (v === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${s}" is not a duration like 30s, 5m, 1h or 1d` });
      return z.NEVER;
    }
    return v;
  })
  .pipe(z.number().min(60, 'must be at least 1m').max(86400, 'must be at most 1d'));

const boolParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** GET /api/graph query parameters. */
export const graphQuerySchema = z.strictObject({
  clusters: dnsNameList.optional().default([]),
  namespaces: dnsNameList.optional().default([]),
  duration: durationParam.optional().default(600),
  graphType: graphTypeSchema.optional().default('versionedApp'),
  /** Unix seconds: replay the graph as it was then (default: now). */
  queryTime: z.coerce.number().int().min(0, 'must be unix seconds').max(4102444800, 'is too far in the future').optional(),
  idle: boolParam.optional().default(false),
});
export type GraphQuery = z.infer<typeof graphQuerySchema>;
