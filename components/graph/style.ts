import type { StylesheetJson } from 'cytoscape';
import type { Health, NodeKind } from '@/lib/graph/types';

/** What colours an edge: the server's health verdict, or TCP traffic (which has no error rate). */
export type EdgeColor = Health | 'tcp';

/** Colours of the graph per theme (PatternFly palette), shared by the stylesheet and the legend. */
export interface Palette {
  text: string;
  textBg: string;
  nodeFill: Record<Health, string>;
  health: Record<Health, string>;
  edge: Record<EdgeColor, string>;
  crossCluster: string;
  box: string;
  nsBox: string;
  boxFill: string;
  unreachable: string;
  select: string;
  find: string;
}

export const PALETTES: Record<'light' | 'dark', Palette> = {
  light: {
    text: '#151515',
    textBg: '#ffffff',
    nodeFill: { healthy: '#f3faf2', degraded: '#fdf7e7', failing: '#fce8e6', idle: '#ffffff', 'no-data': '#ffffff' },
    health: { healthy: '#3e8635', degraded: '#f0ab00', failing: '#c9190b', idle: '#8a8d90', 'no-data': '#b8bbbe' },
    edge: { healthy: '#3e8635', degraded: '#e0a100', failing: '#c9190b', idle: '#b8bbbe', 'no-data': '#b8bbbe', tcp: '#2b9af3' },
    crossCluster: '#7b61c4',
    box: '#4f5255',
    nsBox: '#8a8d90',
    boxFill: '#f5f5f5',
    unreachable: '#c9190b',
    select: '#0066cc',
    find: '#f4c145',
  },
  dark: {
    text: '#e6e6e6',
    textBg: '#1b1d21',
    nodeFill: { healthy: '#1f3a1c', degraded: '#3d3214', failing: '#4a1b17', idle: '#26292d', 'no-data': '#26292d' },
    health: { healthy: '#63bc55', degraded: '#f4c145', failing: '#f0561d', idle: '#8a8d90', 'no-data': '#6a6e73' },
    edge: { healthy: '#5ba352', degraded: '#f4c145', failing: '#f0561d', idle: '#6a6e73', 'no-data': '#6a6e73', tcp: '#4dabf7' },
    crossCluster: '#b2a3ff',
    box: '#a2a5a9',
    nsBox: '#6a6e73',
    boxFill: '#222429',
    unreachable: '#f0561d',
    select: '#73bcf7',
    find: '#f4c145',
  },
};

/** Node shape per kind (the legend draws the same). */
const SHAPES: Record<NodeKind, string> = {
  app: 'round-rectangle',
  workload: 'ellipse',
  service: 'round-triangle',
  serviceEntry: 'round-diamond',
  external: 'round-tag',
  unknown: 'round-octagon',
};

const FONT = '"Red Hat Text", RedHatText, "DejaVu Sans", Helvetica, Arial, sans-serif';

/**
 * The cytoscape stylesheet. `large` switches to the cheap rendering of big graphs: straight edges,
 * labels only when readable (min zoomed font size), no text backgrounds.
 */
export function graphStylesheet(theme: 'light' | 'dark', large: boolean): StylesheetJson {
  const p = PALETTES[theme];
  // cytoscape's typings lag its style properties (underlay-*, round-* text backgrounds): checked here as plain records.
  const s: { selector: string; style: Record<string, unknown> }[] = [
    {
      selector: 'node.leaf',
      style: {
        width: 36,
        height: 36,
        shape: 'round-rectangle',
        'background-color': p.nodeFill.idle,
        'border-width': 2.5,
        'border-color': p.health.idle,
        // Big graphs: labels only on the nodes in view once zoomed in (class show-label), see CytoscapeGraph.
        label: large ? '' : 'data(label)',
        color: p.text,
        'font-family': FONT,
        'font-size': 12,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '140px',
        'min-zoomed-font-size': large ? 9 : 5,
        ...(large ? {} : { 'text-background-color': p.textBg, 'text-background-opacity': 0.75, 'text-background-padding': '1px', 'text-background-shape': 'round-rectangle' }),
      },
    },
    ...Object.entries(SHAPES).map(([kind, shape]) => ({ selector: `node.kind-${kind}`, style: { shape } })),
    { selector: 'node.kind-service', style: { width: 40, height: 36 } },
    ...(Object.keys(p.health) as Health[]).map((h) => ({ selector: `node.health-${h}`, style: { 'border-color': p.health[h], 'background-color': p.nodeFill[h] } })),
    { selector: 'node.health-no-data', style: { 'border-style': 'dashed' } },
    { selector: 'node.leaf.show-label, node.leaf:selected, node.leaf.find-match', style: { label: 'data(label)' } },
    { selector: 'node.stale', style: { 'border-style': 'dashed', opacity: 0.7 } },
    {
      selector: 'node.has-badges',
      style: {
        'background-image': 'data(badgeUrl)',
        'background-width': (ele: { data: (k: string) => number }) => `${ele.data('badgeW')}px`,
        'background-height': '14px',
        'background-fit': 'none',
        'background-clip': 'none',
        'background-image-containment': 'over',
        'background-position-x': '50%',
        'background-position-y': '-19px',
        'bounds-expansion': 22,
      },
    },
    {
      selector: 'node.box',
      style: {
        shape: 'round-rectangle',
        'background-color': p.boxFill,
        'background-opacity': 0.55,
        'border-color': p.nsBox,
        'border-width': 1,
        'border-style': 'dashed',
        // Big graphs: labels only on the nodes in view once zoomed in (class show-label), see CytoscapeGraph.
        label: large ? '' : 'data(label)',
        color: p.text,
        'font-family': FONT,
        'font-size': 12,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -3,
        padding: '14px',
        'min-zoomed-font-size': 4,
        // Big graphs: box sizes ignore the children's labels (measuring thousands of labels is the cost).
        ...(large ? { 'compound-sizing-wrt-labels': 'exclude' } : {}),
      },
    },
    {
      selector: 'node.box-cluster',
      style: { 'border-color': p.box, 'border-width': 2, 'border-style': 'solid', 'background-opacity': 0.25, 'font-size': 16, 'font-weight': 'bold', padding: '22px' },
    },
    {
      selector: 'node.unreachable',
      style: { 'border-color': p.unreachable, 'border-style': 'dashed', 'border-width': 3, color: p.unreachable, 'background-color': p.unreachable, 'background-opacity': 0.06, 'min-width': '160px', 'min-height': '80px' },
    },
    {
      // A cluster without telemetry: drawn from the inventory only, its traffic unseen.
      selector: 'node.no-telemetry',
      style: { 'border-color': p.edge.degraded, 'border-style': 'dashed', 'border-width': 3, color: p.edge.degraded, 'background-color': p.edge.degraded, 'background-opacity': 0.06, 'min-width': '160px', 'min-height': '80px' },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'line-color': p.edge.healthy,
        'target-arrow-color': p.edge.healthy,
        'source-arrow-color': p.edge.healthy,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        'curve-style': large ? 'straight' : 'bezier',
        // Big graphs: no edge labels (measuring 10k labels costs seconds); the table and the side panel have the numbers.
        label: large ? '' : 'data(label)',
        color: p.text,
        'font-family': FONT,
        'font-size': 10,
        'text-rotation': 'autorotate',
        'text-margin-y': -7,
        'min-zoomed-font-size': large ? 10 : 6,
        ...(large ? {} : { 'text-background-color': p.textBg, 'text-background-opacity': 0.7, 'text-background-padding': '1px' }),
      },
    },
    ...(Object.keys(p.edge) as EdgeColor[]).map((c) => ({
      selector: `edge.edge-${c}`,
      style: { 'line-color': p.edge[c], 'target-arrow-color': p.edge[c], 'source-arrow-color': p.edge[c] },
    })),
    { selector: 'edge.mtls', style: { 'source-arrow-shape': 'circle', 'source-arrow-fill': 'filled' } },
    {
      selector: 'edge.cross-cluster',
      style: {
        'line-style': 'dashed',
        'line-dash-pattern': [9, 4],
        'underlay-color': p.crossCluster,
        'underlay-opacity': 0.35,
        'underlay-padding': 3,
        color: p.crossCluster,
        'font-weight': 'bold',
        'font-size': 11,
        'min-zoomed-font-size': 4,
      },
    },
    { selector: '.find-dim', style: { opacity: 0.22 } },
    { selector: 'node.find-match', style: { 'underlay-color': p.find, 'underlay-opacity': 0.85, 'underlay-padding': 9, 'underlay-shape': 'ellipse' } },
    { selector: 'edge.find-match', style: { 'underlay-color': p.find, 'underlay-opacity': 0.8, 'underlay-padding': 5 } },
    { selector: 'node.leaf:selected', style: { 'border-color': p.select, 'border-width': 5 } },
    { selector: 'node.box:selected', style: { 'border-color': p.select, 'border-width': 3 } },
    { selector: 'edge:selected', style: { 'underlay-color': p.select, 'underlay-opacity': 0.5, 'underlay-padding': 5 } },
    { selector: 'node.leaf:active, edge:active', style: { 'overlay-opacity': 0.12, 'overlay-color': p.select } },
  ];
  return s as unknown as StylesheetJson;
}
