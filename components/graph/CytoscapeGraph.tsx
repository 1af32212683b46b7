'use client';

import type { Core, ElementDefinition } from 'cytoscape';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { loadCytoscape } from './cy-loader';
import { LARGE_GRAPH, layoutOptions, savePositions, updateElements } from './cy-update';
import { gridLayout } from './grid-layout';
import type { Pos } from './placement';
import { graphStylesheet } from './style';
import type { LayoutName } from './view-state';

export interface GraphControls {
  fit(): void;
  zoom(factor: number): void;
  /** A PNG of the whole graph as a data URL. */
  png(background: string): string | undefined;
  relayout(): void;
}

export interface DrawInfo {
  /** ms from receiving the elements to the first complete render. */
  ms: number;
  /** ms from receiving the elements to the end of the layout (0 when positions were kept). */
  layoutMs: number;
  nodes: number;
  edges: number;
  layout: string;
}

interface Props {
  elements: { nodes: ElementDefinition[]; edges: ElementDefinition[] };
  layout: LayoutName;
  /** Positions are remembered per key (the graph type): ids of one type never move between types. */
  positionsKey: string;
  theme: 'light' | 'dark';
  selected?: string;
  onSelect: (id: string | undefined) => void;
  onDrawn?: (info: DrawInfo) => void;
  controls?: Ref<GraphControls>;
  ariaLabel: string;
}

// Positions survive refreshes and visits (module scope): only new nodes are ever placed.
const POSITIONS = new Map<string, Map<string, Pos>>();
const positionsFor = (key: string) => {
  let m = POSITIONS.get(key);
  if (!m) POSITIONS.set(key, (m = new Map()));
  return m;
};

const leavesOf = (cy: Core) => cy.nodes('.leaf').map((n) => ({ id: n.id(), parent: n.data('parent') as string | undefined, cluster: n.data('cluster') as string | undefined }));

/**
 * Big graphs carry no node labels (measuring thousands of labels costs seconds); once zoomed in far
 * enough to read them, the nodes in view get theirs.
 */
function labelOnZoom(cy: Core) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  cy.on('viewport', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const shown = cy.nodes('.show-label');
      if (cy.zoom() < 0.55) {
        shown.removeClass('show-label');
        return;
      }
      const ext = cy.extent();
      const inView = cy.nodes('.leaf').filter((n) => {
        const p = n.position();
        return p.x >= ext.x1 && p.x <= ext.x2 && p.y >= ext.y1 && p.y <= ext.y2;
      });
      cy.batch(() => {
        shown.difference(inView).removeClass('show-label');
        inView.addClass('show-label');
      });
    }, 150);
  });
}

/** A fitted small graph is not blown up past readable proportions. */
function capZoom(cy: Core) {
  if (cy.zoom() > 1.3) {
    cy.zoom(1.3);
    cy.center();
  }
}

type TestHook = { cy: () => Core | undefined; draws: number; lastDraw?: DrawInfo; refinedMs?: number };
declare global {
  interface Window {
    __meridianGraph?: TestHook;
  }
}

/** The one owner of the cytoscape instance: incremental updates, layouts, selection, controls. */
export function CytoscapeGraph({ elements, layout, positionsKey, theme, selected, onSelect, onDrawn, controls, ariaLabel }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | undefined>(undefined);
  const [ready, setReady] = useState(false);
  const [drawState, setDrawState] = useState<'drawing' | 'drawn'>('drawing');
  const latest = useRef({ onSelect, onDrawn, layout, positionsKey });
  useEffect(() => {
    latest.current = { onSelect, onDrawn, layout, positionsKey };
  });
  const large = elements.nodes.length > LARGE_GRAPH;

  useEffect(() => {
    let cancelled = false;
    void loadCytoscape().then((cytoscape) => {
      if (cancelled || !container.current) return;
      const cy = cytoscape({
        container: container.current,
        minZoom: 0.03,
        maxZoom: 4,
        boxSelectionEnabled: false,
        textureOnViewport: large,
        hideEdgesOnViewport: large,
        pixelRatio: large ? 1 : 'auto',
        motionBlur: false,
      });
      cy.on('tap', 'node.leaf, edge', (e) => latest.current.onSelect(e.target.id() as string));
      cy.on('tap', (e) => {
        if (e.target === cy) latest.current.onSelect(undefined);
      });
      cy.on('dragfree', 'node', () => savePositions(cy, positionsFor(latest.current.positionsKey)));
      labelOnZoom(cy);
      cyRef.current = cy;
      window.__meridianGraph = { cy: () => cyRef.current, draws: 0 };
      setReady(true);
    });
    return () => {
      cancelled = true;
      const cy = cyRef.current;
      if (cy) savePositions(cy, positionsFor(latest.current.positionsKey));
      cy?.destroy();
      cyRef.current = undefined;
    };
    // The instance is created once; the perf flags come from the first graph it gets.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    cyRef.current?.style(graphStylesheet(theme, large));
  }, [ready, theme, large]);

  const finish = (cy: Core, t0: number, label: string, layoutMs = 0) => {
    const done = () => {
      const info = { ms: performance.now() - t0, layoutMs, nodes: cy.nodes('.leaf').size(), edges: cy.edges().size(), layout: label };
      savePositions(cy, positionsFor(latest.current.positionsKey));
      if (window.__meridianGraph) {
        window.__meridianGraph.draws++;
        window.__meridianGraph.lastDraw = info;
      }
      setDrawState('drawn');
      latest.current.onDrawn?.(info);
    };
    let fired = false;
    const once = () => {
      if (fired) return;
      fired = true;
      done();
    };
    cy.one('render', once);
    // Nothing visible changed (data-only update with identical styles): no render event comes.
    setTimeout(() => requestAnimationFrame(once), 500);
  };

  const worker = useRef<{ w: Worker; seq: number } | undefined>(undefined);
  useEffect(() => () => worker.current?.w.terminate(), []);

  /** Big graphs: refine the grid with fcose 'draft' in a worker, then move the nodes there. */
  const refine = (cy: Core) => {
    if (typeof Worker === 'undefined') return;
    try {
      worker.current ??= { w: new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' }), seq: 0 };
    } catch {
      return;
    }
    const job = worker.current;
    const seq = ++job.seq;
    const t0 = performance.now();
    job.w.onmessage = (e: MessageEvent<{ id: number; positions?: Record<string, Pos> }>) => {
      const pos = e.data.positions;
      if (e.data.id !== job.seq || !pos || cyRef.current !== cy) return;
      cy.batch(() =>
        cy.nodes('.leaf').forEach((n) => {
          const p = pos[n.id()];
          if (p) n.position(p);
        }),
      );
      cy.fit(undefined, 20);
      savePositions(cy, positionsFor(latest.current.positionsKey));
      if (window.__meridianGraph) window.__meridianGraph.refinedMs = performance.now() - t0;
    };
    job.w.postMessage({ id: seq, leaves: leavesOf(cy), edges: cy.edges().map((e) => [e.data('source') as string, e.data('target') as string]) });
  };

  const runLayout = (cy: Core, t0: number) => {
    const count = cy.nodes('.leaf').size();
    if (count > LARGE_GRAPH) {
      const grid = gridLayout(leavesOf(cy));
      cy.batch(() =>
        cy.nodes('.leaf').forEach((n) => {
          const p = grid.get(n.id());
          if (p) n.position(p);
        }),
      );
      cy.fit(undefined, 20);
      finish(cy, t0, 'grid, then fcose per box in a worker', performance.now() - t0);
      refine(cy);
      return;
    }
    const { options, label } = layoutOptions(latest.current.layout, count);
    const l = cy.layout(options);
    l.one('layoutstop', () => {
      capZoom(cy);
      finish(cy, t0, label, performance.now() - t0);
    });
    l.run();
  };

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const t0 = performance.now();
    setDrawState('drawing');
    const r = updateElements(cy, elements, positionsFor(positionsKey));
    if (r.needsLayout) runLayout(cy, t0);
    else {
      if (r.added > 0 && r.removed === 0 && cy.nodes('.leaf').size() === r.added) cy.fit(undefined, 30);
      finish(cy, t0, 'kept positions');
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, elements, positionsKey]);

  const firstLayout = useRef(true);
  useEffect(() => {
    if (firstLayout.current) {
      firstLayout.current = false;
      return;
    }
    const cy = cyRef.current;
    if (cy) runLayout(cy, performance.now());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.$(':selected').unselect();
    if (selected) cy.getElementById(selected).select();
  }, [ready, selected, elements]);

  useImperativeHandle(controls, () => ({
    fit: () => {
      const cy = cyRef.current;
      if (!cy) return;
      cy.fit(undefined, 30);
      capZoom(cy);
    },
    zoom: (factor) => {
      const cy = cyRef.current;
      if (cy) cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    },
    png: (bg) => cyRef.current?.png({ full: true, scale: large ? 1 : 2, bg, maxWidth: 8000, maxHeight: 8000 }),
    relayout: () => {
      const cy = cyRef.current;
      if (cy) runLayout(cy, performance.now());
    },
  }));

  return <div ref={container} className="meridian-graph-canvas" role="img" aria-label={ariaLabel} data-testid="graph-canvas" data-draw-state={drawState} />;
}
