import 'server-only';
import { z } from 'zod';
import { describeCause } from '@/server/http/errors';
import type { PromTarget } from '@/server/prometheus/client';

// Prometheus' scrape targets API (GET /api/v1/targets?state=active): each target's labels after
// relabelling, its health and its last scrape error. Thanos Query federates it from the sidecars
// (an empty list when none serves it); Mimir and Cortex do not implement it and answer 404; a proxy
// may say 405 or 501. Those mean "no targets API": the caller falls back to the series checks.

export interface ActiveTarget {
  labels: Record<string, string>;
  scrapeUrl?: string;
  health: string;
  lastError?: string;
}

export type TargetsAnswer = { available: false; why: string } | { available: true; targets: ActiveTarget[] };

/** HTTP statuses that say the server has no such API (rather than that it failed). */
const ABSENT = new Set([404, 405, 501]);

const answerSchema = z.looseObject({
  status: z.literal('success'),
  data: z.looseObject({
    activeTargets: z.array(
      z.looseObject({
        labels: z.record(z.string(), z.string()),
        scrapeUrl: z.string().optional(),
        health: z.string(),
        lastError: z.string().optional(),
      }),
    ),
  }),
});

/** Reads the active targets; throws an Error naming the URL when the API exists but fails. */
export async function readTargets(target: Pick<PromTarget, 'url' | 'timeoutMs'>): Promise<TargetsAnswer> {
  const url = `${target.url.replace(/\/$/, '')}/api/v1/targets?state=active`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(target.timeoutMs) });
  } catch (err) {
    throw new Error(`targets API ${url}: ${describeCause(err)}`);
  }
  if (ABSENT.has(res.status)) {
    await res.body?.cancel();
    return { available: false, why: `${target.url} has no targets API (HTTP ${res.status} from /api/v1/targets)` };
  }
  const text = await res.text();
  if (!res.ok) throw new Error(`targets API ${url}: HTTP ${res.status}: ${text.slice(0, 200).trim()}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`targets API ${url}: not a JSON answer`);
  }
  const parsed = answerSchema.safeParse(body);
  if (!parsed.success) throw new Error(`targets API ${url}: not a Prometheus targets answer`);
  return { available: true, targets: parsed.data.data.activeTargets };
}
