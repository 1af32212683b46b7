import 'server-only';
import { z } from 'zod';
import { MeridianError, describeCause } from '@/server/http/errors';
import { queryDuration, type QueryOutcome } from './metrics';

// Instant and range queries over Prometheus' HTTP API (also Thanos Query and Mimir, which speak it):
// POST form-encoded to /api/v1/query and /api/v1/query_range. Each query has the target's timeout
// and the caller's AbortSignal. Failures are MeridianErrors ('upstream', 502) that name the
// Prometheus URL and what it said (errorType and error); a timeout says so. A caller's abort is
// rethrown as the signal's reason (an AbortError), not wrapped: nobody is waiting for a message.
//
// Non-finite values: Prometheus encodes values as strings and sends "NaN" (e.g. 0/0 of a rate of an
// idle edge) and "+Inf"/"-Inf" (histogram_quantile over a +Inf bucket). They are dropped: a sample
// (instant) or a point (range) with a non-finite value is left out, so every returned number is
// finite and survives JSON. A range series whose every point was dropped is left out too.

export interface PromTarget {
  /** Base URL: ".../api/v1/query" is appended. */
  url: string;
  timeoutMs: number;
  /** The label that names the cluster in a shared (global) Prometheus; callers filter by it. */
  clusterLabel?: string;
  /** For metrics: the cluster of a per-cluster Prometheus, "global" for the shared one. */
  name?: string;
}

export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

export interface PromSeries {
  metric: Record<string, string>;
  /** [unix seconds, value] in time order. */
  values: [number, number][];
}

export interface QueryOptions {
  signal?: AbortSignal;
  /** Evaluation time (instant queries; default now). A Date, so seconds and milliseconds cannot be mixed up. */
  time?: Date;
}

export interface RangeOptions {
  start: Date;
  end: Date;
  /** Resolution step in seconds. */
  stepSeconds: number;
  signal?: AbortSignal;
}

const point = z.tuple([z.number(), z.string()]);
const metric = z.record(z.string(), z.string());
const responseSchema = z.looseObject({
  status: z.enum(['success', 'error']),
  data: z
    .looseObject({
      resultType: z.enum(['vector', 'matrix', 'scalar', 'string']),
      result: z.unknown(),
    })
    .optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
});
const vectorSchema = z.array(z.looseObject({ metric, value: point }));
const matrixSchema = z.array(z.looseObject({ metric, values: z.array(point) }));

/** Prometheus' number encoding: decimal strings plus "NaN", "+Inf", "-Inf". */
function parsePromValue(s: string): number {
  if (s === '+Inf' || s === 'Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  return Number(s);
}

const seconds = (t: Date) => String(t.getTime() / 1000);

export async function queryInstant(target: PromTarget, promql: string, opts: QueryOptions = {}): Promise<PromSample[]> {
  const form: Record<string, string> = { query: promql };
  if (opts.time !== undefined) form.time = seconds(opts.time);
  const data = await post(target, '/api/v1/query', form, opts.signal);
  if (data.resultType === 'scalar') {
    const [, v] = point.parse(data.result);
    const value = parsePromValue(v);
    return Number.isFinite(value) ? [{ metric: {}, value }] : [];
  }
  if (data.resultType !== 'vector') throw badAnswer(target, `an instant query gave a ${data.resultType}, not a vector`);
  const out: PromSample[] = [];
  for (const s of parseResult(target, vectorSchema, data.result)) {
    const value = parsePromValue(s.value[1]);
    if (Number.isFinite(value)) out.push({ metric: s.metric, value });
  }
  return out;
}

export async function queryRange(target: PromTarget, promql: string, opts: RangeOptions): Promise<PromSeries[]> {
  const form = { query: promql, start: seconds(opts.start), end: seconds(opts.end), step: String(opts.stepSeconds) };
  const data = await post(target, '/api/v1/query_range', form, opts.signal);
  if (data.resultType !== 'matrix') throw badAnswer(target, `a range query gave a ${data.resultType}, not a matrix`);
  const out: PromSeries[] = [];
  for (const s of parseResult(target, matrixSchema, data.result)) {
    const values: [number, number][] = [];
    for (const [t, v] of s.values) {
      const value = parsePromValue(v);
      if (Number.isFinite(value)) values.push([t, value]);
    }
    if (values.length) out.push({ metric: s.metric, values });
  }
  return out;
}

function parseResult<T>(target: PromTarget, schema: z.ZodType<T>, result: unknown): T {
  const parsed = schema.safeParse(result);
  if (!parsed.success) throw badAnswer(target, `unexpected result shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

function badAnswer(target: PromTarget, what: string): MeridianError {
  return new MeridianError('upstream', `Prometheus ${target.url}: ${what}`);
}

type PromData = NonNullable<z.infer<typeof responseSchema>['data']>;

async function post(target: PromTarget, path: string, form: Record<string, string>, signal?: AbortSignal): Promise<PromData> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(target.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let outcome: QueryOutcome = 'error';
  try {
    const res = await fetch(target.url.replace(/\/$/, '') + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form),
      signal: combined,
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw badAnswer(target, `HTTP ${res.status}, not a JSON answer: ${text.slice(0, 200).trim() || '(empty)'}`);
    }
    const parsed = responseSchema.safeParse(body);
    if (!parsed.success) throw badAnswer(target, `HTTP ${res.status}, not a Prometheus API answer`);
    const answer = parsed.data;
    if (answer.status === 'error' || !answer.data) {
      const kind = answer.errorType ? `${answer.errorType}: ` : '';
      throw badAnswer(target, `query failed (HTTP ${res.status}): ${kind}${answer.error ?? 'no error message'}`);
    }
    outcome = 'success';
    return answer.data;
  } catch (err) {
    if (signal?.aborted) {
      outcome = 'aborted';
      throw signal.reason;
    }
    if (timeout.aborted) {
      outcome = 'timeout';
      throw new MeridianError('upstream', `Prometheus ${target.url} did not answer within ${target.timeoutMs} ms`, { status: 504 });
    }
    if (err instanceof MeridianError) throw err;
    throw new MeridianError('upstream', `Prometheus ${target.url} is unreachable: ${describeCause(err)}`);
  } finally {
    queryDuration().observe({ target: target.name ?? target.url, outcome }, (performance.now() - started) / 1000);
  }
}
