import { z } from 'zod';
import type { Health } from './graph/types';

// The one home of the health and mTLS thresholds. The server applies them (server/graph/appenders,
// services, alerts) and reports the verdicts (`health`, `mtls`) and the thresholds it used (the
// graph's `thresholds`); the UI only draws what it is told.

const levelsSchema = z.object({ degraded: z.number().min(0).max(1), failing: z.number().min(0).max(1) });

/**
 * Health thresholds (DESIGN.md "Graph contract"). A rate at or above `degraded` makes the subject
 * degraded, at or above `failing` failing; the worse of the 5xx and 4xx verdicts wins.
 * Rates are shares 0..1 (0.001 = 0.1%). A threshold of 0 disables that check.
 */
export const thresholdsSchema = z.object({
  /** 5xx (and grpc non-OK) share. */
  serverError: levelsSchema,
  /** 4xx share. */
  clientError: levelsSchema,
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** An edge is mutual TLS when at least this share of its traffic was (the rest: plaintext or permissive). */
const FULL_MTLS_SHARE = 0.99;

/** The mTLS verdict of an edge from its share: undefined without data. */
export function isFullMtls(share: number | undefined): boolean | undefined {
  return share === undefined ? undefined : share >= FULL_MTLS_SHARE;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  serverError: { degraded: 0.001, failing: 0.1 },
  clientError: { degraded: 0.1, failing: 0.2 },
};

/** Partial overrides on top of the defaults (config or request). */
export function resolveThresholds(overrides?: {
  serverError?: Partial<Thresholds['serverError']>;
  clientError?: Partial<Thresholds['clientError']>;
}): Thresholds {
  return {
    serverError: { ...DEFAULT_THRESHOLDS.serverError, ...overrides?.serverError },
    clientError: { ...DEFAULT_THRESHOLDS.clientError, ...overrides?.clientError },
  };
}

export interface TrafficRates {
  /** Requests/s (or any positive activity measure, e.g. TCP bytes/s). */
  rps: number;
  /** 5xx share 0..1. */
  errorRate: number;
  /** 4xx share 0..1. */
  clientErrorRate: number;
}

const RANK: Record<Health, number> = { 'no-data': 0, idle: 1, healthy: 2, degraded: 3, failing: 4 };

/** The worse of two verdicts (failing > degraded > healthy > idle > no-data). */
export function worstHealth(a: Health, b: Health): Health {
  return RANK[b] > RANK[a] ? b : a;
}

function verdict(rate: number, t: { degraded: number; failing: number }): Health {
  if (!(rate > 0)) return 'healthy';
  if (t.failing > 0 && rate >= t.failing) return 'failing';
  if (t.degraded > 0 && rate >= t.degraded) return 'degraded';
  return 'healthy';
}

/**
 * Health of a node or edge from its traffic.
 * - `undefined` traffic: telemetry is missing for it -> 'no-data'.
 * - no traffic (rps 0) but the subject exists -> 'idle'.
 */
export function healthOf(traffic: TrafficRates | undefined, thresholds: Thresholds = DEFAULT_THRESHOLDS): Health {
  if (!traffic) return 'no-data';
  if (!(traffic.rps > 0)) return 'idle';
  return worstHealth(verdict(traffic.errorRate, thresholds.serverError), verdict(traffic.clientErrorRate, thresholds.clientError));
}
