import { describe, expect, it, vi } from 'vitest';
import { createScenarioState } from './state';

const clock = (t = 1_700_000_000_000) => ({ now: () => t });

describe('scenario state', () => {
  it('lists every scenario with its defaults, inactive', () => {
    const s = createScenarioState(clock());
    const names = s.list().map((i) => i.name);
    expect(names).toEqual(['cluster-cut-off', 'latency-spike', 'cert-expiry', 'error-burst', 'proxy-stale', 'telemetry-outage']);
    expect(s.list().every((i) => !i.active && i.description.length > 10)).toBe(true);
    expect(s.list().find((i) => i.name === 'latency-spike')?.options).toMatchObject({ extraMs: 400 });
  });

  it('rejects unknown names and bad options with clear messages', () => {
    const s = createScenarioState(clock());
    expect(() => s.start('meteor-strike')).toThrow(/Unknown scenario "meteor-strike"/);
    expect(() => s.stop('meteor-strike')).toThrow(/Unknown scenario/);
    expect(() => s.start('cluster-cut-off', { cluster: 'mars' })).toThrow(/cluster-cut-off.*cluster:/);
    expect(() => s.start('latency-spike', { extraMs: -5 })).toThrow(/extraMs/);
    expect(() => s.start('error-burst', { rate: 2 })).toThrow(/rate/);
    expect(() => s.start('proxy-stale', { bogus: 1 })).toThrow(/proxy-stale/);
    expect(s.list().some((i) => i.active)).toBe(false);
  });

  it('cut-off notifies reachability listeners and answers isCutOff', () => {
    const s = createScenarioState(clock());
    const reach = vi.fn();
    const changed = vi.fn();
    s.onClusterReachability(reach);
    s.onChange(changed);
    s.start('cluster-cut-off');
    expect(reach).toHaveBeenLastCalledWith('eu-west', false);
    expect(s.isCutOff('eu-west')).toBe(true);
    expect(s.isCutOff('us-east')).toBe(false);
    s.start('cluster-cut-off', { cluster: 'ap-south' });
    expect(reach).toHaveBeenCalledWith('eu-west', true);
    expect(reach).toHaveBeenLastCalledWith('ap-south', false);
    s.stop('cluster-cut-off');
    expect(reach).toHaveBeenLastCalledWith('ap-south', true);
    expect(changed).toHaveBeenCalledTimes(3);
  });

  it('answers the sim and istiod queries', () => {
    const t = 1_700_000_000_000;
    const s = createScenarioState(clock(t));
    s.start('cert-expiry', { cluster: 'eu-west', inDays: 2 });
    expect(s.certExpiresAt('eu-west')).toBe(t + 2 * 86_400_000);
    expect(s.certExpiresAt('us-east')).toBeUndefined();
    s.start('proxy-stale', { cluster: 'ap-south' });
    expect(s.staleProxies('ap-south')).toBe(true);
    expect(s.staleProxies('us-east')).toBe(false);
    s.start('error-burst', { service: 'bookinfo/ratings', cluster: 'us-east' });
    expect(s.errorBurstRate('us-east', 'bookinfo', 'ratings')).toBe(0.3);
    expect(s.errorBurstRate('us-east', 'other', 'ratings')).toBeUndefined();
    s.start('latency-spike');
    const edge = {
      sourceCluster: 'us-east',
      sourceWorkload: 'hello-app-engine',
      destinationCluster: 'eu-west',
      destinationService: 'hello-master-engine.mcs-demo.svc.clusterset.local',
      destinationWorkload: 'hello-master-engine',
    };
    expect(s.latencySpikeMs(edge)).toBe(400);
    expect(s.latencySpikeMs({ ...edge, destinationCluster: 'ap-south' })).toBe(0);
    s.stop('latency-spike');
    expect(s.latencySpikeMs(edge)).toBe(0);
    s.start('telemetry-outage');
    expect([s.metricsOutage('eu-west'), s.metricsOutage('us-east')]).toEqual(['hang', undefined]);
    s.start('telemetry-outage', { cluster: 'ap-south', mode: 'error' });
    expect([s.metricsOutage('eu-west'), s.metricsOutage('ap-south')]).toEqual([undefined, 'error']);
    expect(() => s.start('telemetry-outage', { mode: 'slow' })).toThrow(/telemetry-outage.*mode/);
    s.stop('telemetry-outage');
    expect(s.metricsOutage('ap-south')).toBeUndefined();
  });
});
