import 'server-only';
import { z } from 'zod';
import type { CreateSilence, Silence } from '@/lib/alerts';
import { getConfig } from '@/server/config';
import { MeridianError, describeCause } from '@/server/http/errors';

// The HTTP APIs alerts come from: Prometheus' /api/v1/alerts (firing and pending alerts of its
// rules) and Alertmanager's v2 API (alerts with their silenced state; silences). Answers are parsed
// with zod; every failure is a MeridianError ('upstream') that names the URL and what it said.

const TIMEOUT_MS = 5000;

const labels = z.record(z.string(), z.string());
export const promAlertSchema = z.looseObject({
  labels,
  annotations: labels.optional().default({}),
  state: z.string(),
  activeAt: z.string().optional(),
  value: z.string().optional(),
});
export type PromAlert = z.infer<typeof promAlertSchema>;
const promAlertsAnswer = z.looseObject({ status: z.string(), data: z.looseObject({ alerts: z.array(promAlertSchema) }).optional(), error: z.string().optional() });

export const amAlertSchema = z.looseObject({
  labels,
  annotations: labels.optional().default({}),
  startsAt: z.string().optional(),
  fingerprint: z.string().optional(),
  status: z.looseObject({ state: z.string(), silencedBy: z.array(z.string()).nullable().optional(), inhibitedBy: z.array(z.string()).nullable().optional() }),
});
export type AmAlert = z.infer<typeof amAlertSchema>;

const amSilenceSchema = z.looseObject({
  id: z.string(),
  matchers: z.array(z.looseObject({ name: z.string(), value: z.string(), isRegex: z.boolean(), isEqual: z.boolean().optional() })),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string(),
  comment: z.string(),
  status: z.looseObject({ state: z.enum(['active', 'pending', 'expired']) }),
});

async function call<T>(what: string, url: string, schema: z.ZodType<T> | undefined, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json', ...init.headers } });
  } catch (e) {
    const why = (e as { name?: string }).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS} ms` : describeCause(e);
    throw new MeridianError('upstream', `${what} ${url} is unreachable: ${why}`);
  }
  const text = await res.text();
  if (!res.ok) throw new MeridianError('upstream', `${what} ${url} answered HTTP ${res.status}: ${text.slice(0, 300).trim()}`, { status: res.status === 400 ? 400 : 502 });
  if (!schema) return undefined as T;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new MeridianError('upstream', `${what} ${url}: not a JSON answer`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new MeridianError('upstream', `${what} ${url}: unexpected answer (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data;
}

const base = (url: string) => url.replace(/\/$/, '');

export async function prometheusAlerts(url: string): Promise<PromAlert[]> {
  const body = await call('Prometheus', `${base(url)}/api/v1/alerts`, promAlertsAnswer);
  if (body.status !== 'success' || !body.data) throw new MeridianError('upstream', `Prometheus ${url}: ${body.error ?? 'alerts query failed'}`);
  return body.data.alerts;
}

/** The configured Alertmanager URL, or undefined. */
export function alertmanagerUrl(): string | undefined {
  const url = getConfig().alertmanager?.url;
  return url ? base(url) : undefined;
}

function requireAlertmanager(): string {
  const url = alertmanagerUrl();
  if (!url) throw new MeridianError('unavailable', 'No Alertmanager is configured (alertmanager.url in meridian.yaml): silences are not available');
  return url;
}

export function alertmanagerAlerts(url: string): Promise<AmAlert[]> {
  return call('Alertmanager', `${url}/api/v2/alerts?active=true&silenced=true&inhibited=true`, z.array(amAlertSchema));
}

/** Active and pending silences (expired ones are left out). */
export async function listSilences(): Promise<Silence[]> {
  const url = requireAlertmanager();
  const all = await call('Alertmanager', `${url}/api/v2/silences`, z.array(amSilenceSchema));
  return all
    .filter((s) => s.status.state !== 'expired')
    .map((s) => ({
      id: s.id,
      matchers: s.matchers.map((m) => ({ name: m.name, value: m.value, isRegex: m.isRegex, isEqual: m.isEqual ?? true })),
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      createdBy: s.createdBy,
      comment: s.comment,
      state: s.status.state,
    }))
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
}

export async function createSilence(input: CreateSilence & { createdBy: string }, now = Date.now()): Promise<string> {
  const url = requireAlertmanager();
  const body = {
    matchers: input.matchers,
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + input.durationMinutes * 60_000).toISOString(),
    createdBy: input.createdBy,
    comment: input.comment,
  };
  const answer = await call('Alertmanager', `${url}/api/v2/silences`, z.looseObject({ silenceID: z.string() }), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return answer.silenceID;
}

export async function expireSilence(id: string): Promise<void> {
  const url = requireAlertmanager();
  await call('Alertmanager', `${url}/api/v2/silence/${encodeURIComponent(id)}`, undefined, { method: 'DELETE' });
}
