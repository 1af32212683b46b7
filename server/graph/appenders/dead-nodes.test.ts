import { describe, expect, it } from 'vitest';
import { runAppenders } from '../build';
import { expectAppenderGolden } from '../testing/golden';
import { scenario } from '../testing/scenario';
import { deadNodes } from './dead-nodes';
import { idle } from './idle';
import { traffic } from './traffic';

const dead = (g: { nodes: { id: string; badges: { dead?: boolean } }[] }) => g.nodes.filter((n) => n.badges.dead).map((n) => n.id).sort();

describe('deadNodes appender', () => {
  it('golden file: what deadNodes adds: dead on details (no ready pod, no endpoint)', () => {
    expectAppenderGolden(deadNodes, {
      workload: scenario('workload'),
      'workload, idle nodes': scenario('workload', { idle: true }),
      'app, idle nodes': scenario('app', { idle: true }),
    });
  });

  it('golden: details (0 ready pods, no endpoints) is dead; called services and workloads are not', () => {
    expect(dead(runAppenders(scenario('workload'), [traffic, deadNodes]))).toEqual(['svc:us-east:bookinfo:details']);
    expect(dead(runAppenders(scenario('workload', { idle: true }), [traffic, idle, deadNodes]))).toEqual(['svc:us-east:bookinfo:details', 'wl:us-east:bookinfo:details-v1']);
    expect(dead(runAppenders(scenario('app', { idle: true }), [traffic, idle, deadNodes]))).toEqual(['app:us-east:bookinfo:details', 'svc:us-east:bookinfo:details']);
  });
});
