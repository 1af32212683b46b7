import { describe, expect, it } from 'vitest';
import { graphSchema } from '@/lib/graph/types';
import { benchGraph, syntheticMesh } from './bench';
import { buildGraph } from './build';

describe('bench (self-check, no timing assertions)', () => {
  it('builds a well-formed graph of ~1,000 nodes and ~4 edges per node', () => {
    const g = buildGraph(syntheticMesh(1000));
    expect(graphSchema.parse(g)).toEqual(g);
    expect(g.nodes.length).toBeGreaterThan(950);
    expect(g.edges.length).toBeGreaterThan(3.5 * g.nodes.length);
    const ids = new Set(g.nodes.map((n) => n.id));
    expect(ids.size).toBe(g.nodes.length);
    expect(g.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    expect(g.nodes.every((n) => n.parent !== undefined)).toBe(true);
    expect(g.edges.some((e) => e.crossCluster)).toBe(true);
  });

  it('benchGraph reports sizes and times', () => {
    const r = benchGraph({ nodes: 200, runs: 2, graphType: 'app' });
    expect(r).toMatchObject({ graphType: 'app', runs: 2 });
    expect(r.minMs).toBeLessThanOrEqual(r.medianMs);
    expect(r.edges).toBeGreaterThan(0);
  });
});
