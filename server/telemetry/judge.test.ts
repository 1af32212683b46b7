import { describe, expect, it } from 'vitest';
import { formatAge, judgeTelemetry, type TelemetryFacts } from './judge';

const NOW = 1_800_000_000;
const opts = { now: NOW, staleAfterSeconds: 60, lookBackSeconds: 3600 };
const judge = (f: Partial<TelemetryFacts>) => judgeTelemetry({ cluster: 'eu-west', prometheus: 'reachable', ...f }, opts);

describe('telemetry verdicts', () => {
  it('ok: current series, mesh targets up', () => {
    const t = judge({ newestRequest: NOW - 2, newestTcp: NOW - 3, targets: { source: 'up-series', up: 4, down: 0, errors: [] } });
    expect(t).toMatchObject({ verdict: 'ok', summary: 'Istio telemetry current', requestSeries: true, tcpSeries: true, newestSampleAgeSeconds: 2 });
    expect(t.reason).toContain('4 mesh targets are up');
  });

  it('partial: current series but some mesh targets down, naming the first error', () => {
    const t = judge({
      newestRequest: NOW - 2,
      targets: { source: 'targets-api', up: 3, down: 1, errors: [{ target: '10.0.0.7:15020', error: 'Get "http://10.0.0.7:15020/stats/prometheus": context deadline exceeded' }] },
    });
    expect(t.verdict).toBe('partial');
    expect(t.summary).toBe('1 of 4 mesh targets down');
    expect(t.reason).toContain('10.0.0.7:15020: Get "http://10.0.0.7:15020/stats/prometheus": context deadline exceeded');
  });

  it('stale: the newest sample is older than staleAfterSeconds', () => {
    const t = judge({ newestRequest: NOW - 300, newestTcp: NOW - 400 });
    expect(t).toMatchObject({ verdict: 'stale', summary: 'Istio telemetry stale (5 min old)', newestSampleAgeSeconds: 300 });
  });

  it('missing: no series now, with the time of the last sample and the down targets', () => {
    const t = judge({ lastSeen: NOW - 180, targets: { source: 'targets-api', up: 0, down: 1, errors: [{ target: 'mesh-eu-west', error: 'context deadline exceeded' }] } });
    expect(t).toMatchObject({ verdict: 'missing', summary: 'no Istio telemetry for 3 min', requestSeries: false, tcpSeries: false, lastSampleAt: new Date((NOW - 180) * 1000).toISOString() });
    expect(t.reason).toContain('1 of 1 mesh targets down: mesh-eu-west: context deadline exceeded');
  });

  it('missing with every mesh target up: says the targets export no Istio series', () => {
    const t = judge({ targets: { source: 'up-series', up: 2, down: 0, errors: [] } });
    expect(t.summary).toBe('no Istio telemetry');
    expect(t.reason).toMatch(/in the last 60 min\. Its mesh targets are up but export no Istio series/);
  });

  it('missing with unknown targets says series checks only', () => {
    const t = judge({ targetsNote: 'mesh targets unknown, series checks only: x has no targets API (HTTP 404 from /api/v1/targets)' });
    expect(t.targets).toBeUndefined();
    expect(t.reason).toContain('Mesh targets unknown, series checks only: x has no targets API (HTTP 404');
  });

  it('unreachable and not configured', () => {
    expect(judge({ prometheus: 'unreachable', error: 'Prometheus http://p:9090 is unreachable: ECONNREFUSED' })).toMatchObject({
      verdict: 'unreachable',
      summary: 'Prometheus unreachable',
      reason: 'Prometheus http://p:9090 is unreachable: ECONNREFUSED',
    });
    expect(judge({ prometheus: 'not-configured' })).toMatchObject({ verdict: 'missing', summary: 'no Prometheus configured' });
  });

  it('formats ages in seconds, minutes and hours', () => {
    expect([formatAge(8), formatAge(119), formatAge(180), formatAge(7300)]).toEqual(['8 s', '119 s', '3 min', '2 h']);
  });
});
