import 'server-only';
import { z } from 'zod';
import { isIstioKindName } from '@/lib/istio/kinds';
import { dnsNameList } from '@/lib/names';
import { unknownKind } from './refs';

// Query parameters of the app/api/istio-config handlers (bodies: server/http/body.ts).

const flag = z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1');

/** ?fresh=true on GET: read the API server's latest instead of the cache (e.g. after a 409). */
export const getQuerySchema = z.strictObject({ fresh: flag });

const kindList = z
  .string()
  .max(1024)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const listQuerySchema = z.strictObject({
  clusters: dnsNameList.optional().transform((v) => v ?? []),
  namespaces: dnsNameList.optional().transform((v) => v ?? []),
  kinds: kindList.optional().transform((v) => v ?? []),
  findings: z.enum(['only', 'all']).optional(),
});

/** The kinds of a list query; an unknown one is a 400 naming it and the known ones. */
export function checkKinds(kinds: string[]): string[] {
  const bad = kinds.find((k) => !isIstioKindName(k));
  if (bad !== undefined) throw unknownKind(bad);
  return kinds;
}
