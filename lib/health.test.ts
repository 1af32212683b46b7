import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, healthOf, resolveThresholds, worstHealth } from './health';

describe('healthOf', () => {
  const t = DEFAULT_THRESHOLDS;
  it('no telemetry is no-data, no traffic is idle', () => {
    expect(healthOf(undefined, t)).toBe('no-data');
    expect(healthOf({ rps: 0, errorRate: 0, clientErrorRate: 0 }, t)).toBe('idle');
  });
  it('applies the default 5xx thresholds (0.1% degraded, 10% failing) inclusively', () => {
    expect(healthOf({ rps: 10, errorRate: 0, clientErrorRate: 0 }, t)).toBe('healthy');
    expect(healthOf({ rps: 10, errorRate: 0.0009, clientErrorRate: 0 }, t)).toBe('healthy');
    expect(healthOf({ rps: 10, errorRate: 0.001, clientErrorRate: 0 }, t)).toBe('degraded');
    expect(healthOf({ rps: 10, errorRate: 0.0999, clientErrorRate: 0 }, t)).toBe('degraded');
    expect(healthOf({ rps: 10, errorRate: 0.1, clientErrorRate: 0 }, t)).toBe('failing');
  });
  it('applies the default 4xx thresholds (10% degraded, 20% failing) and keeps the worse verdict', () => {
    expect(healthOf({ rps: 10, errorRate: 0, clientErrorRate: 0.05 }, t)).toBe('healthy');
    expect(healthOf({ rps: 10, errorRate: 0, clientErrorRate: 0.1 }, t)).toBe('degraded');
    expect(healthOf({ rps: 10, errorRate: 0, clientErrorRate: 0.2 }, t)).toBe('failing');
    expect(healthOf({ rps: 10, errorRate: 0.2, clientErrorRate: 0.1 }, t)).toBe('failing');
  });
  it('is configurable; a 0 threshold disables the check', () => {
    const custom = resolveThresholds({ serverError: { degraded: 0.05 }, clientError: { degraded: 0, failing: 0 } });
    expect(custom.serverError).toEqual({ degraded: 0.05, failing: 0.1 });
    expect(healthOf({ rps: 1, errorRate: 0.01, clientErrorRate: 0.9 }, custom)).toBe('healthy');
    expect(healthOf({ rps: 1, errorRate: 0.05, clientErrorRate: 0 }, custom)).toBe('degraded');
  });
  it('orders verdicts', () => {
    expect(worstHealth('healthy', 'failing')).toBe('failing');
    expect(worstHealth('degraded', 'idle')).toBe('degraded');
    expect(worstHealth('no-data', 'idle')).toBe('idle');
  });
});
