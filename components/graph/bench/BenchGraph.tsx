'use client';

import '../graph.css';
import { useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { loadCytoscape } from '../cy-loader';
import { CytoscapeGraph, type DrawInfo } from '../CytoscapeGraph';
import { toElements, type GraphElements } from '../elements';
import { syntheticGraph } from '../synthetic';

export interface BenchResult {
  nodes: number;
  edges: number;
  /** Data ready -> elements built. */
  transformMs: number;
  /** Data ready -> layout done. */
  layoutMs: number;
  /** Data ready -> first complete draw (render after layoutstop with every element). */
  totalMs: number;
  layout: string;
}

declare global {
  interface Window {
    __benchResult?: BenchResult;
  }
}

/**
 * Draws a synthetic graph of `?nodes=N` with the production graph component and records, in
 * window.__benchResult, the time from data ready to the first complete draw (scripts/bench-ui.mjs).
 */
export function BenchGraph() {
  const size = Math.min(20_000, Math.max(10, Number(useSearchParams().get('nodes')) || 1000));
  const [run, setRun] = useState<{ t0: number; transformMs: number; elements: GraphElements } | undefined>();
  const [result, setResult] = useState<BenchResult | undefined>();

  useEffect(() => {
    // The page loads cytoscape while the graph request is in flight; so does the bench, before "data ready".
    void loadCytoscape().then(() => {
      const graph = syntheticGraph(size);
      const t0 = performance.now();
      const elements = toElements(graph, { boxes: { cluster: true, namespace: true }, edgeLabel: 'rps' });
      setRun({ t0, transformMs: performance.now() - t0, elements });
    });
  }, [size]);

  const drawn = (info: DrawInfo) => {
    if (!run || result) return;
    const r: BenchResult = { nodes: info.nodes, edges: info.edges, transformMs: run.transformMs, layoutMs: run.transformMs + info.layoutMs, totalMs: performance.now() - run.t0, layout: info.layout };
    window.__benchResult = r;
    setResult(r);
  };

  return (
    <div>
      <p data-testid="bench-status">{result ? `${result.nodes} nodes, ${result.edges} edges drawn in ${result.totalMs.toFixed(0)} ms (${result.layout})` : `Drawing ${size} nodes…`}</p>
      <div className="meridian-graph-stage">
        {run && <CytoscapeGraph elements={run.elements} layout="fcose" positionsKey={`bench-${size}-${run.t0}`} theme="light" onSelect={() => {}} onDrawn={drawn} ariaLabel="Benchmark graph" />}
      </div>
    </div>
  );
}
