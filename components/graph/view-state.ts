import { z } from 'zod';
import { DURATION_CHOICES } from '@/lib/graph/query';
import { graphTypeSchema } from '@/lib/graph/types';
import { parseScope } from '@/lib/url-state';

/**
 * Every setting of the graph page, as it lives in the URL (all optional: defaults are omitted from
 * the link so copied URLs stay short). Invalid values fall back to the default instead of failing.
 */

export const REFRESH_CHOICES = ['off', '10s', '30s', '1m'] as const;
export const EDGE_LABELS = ['none', 'rps', 'error', 'p50', 'p95', 'p99', 'mtls'] as const;
export const LAYOUTS = ['fcose', 'dagre'] as const;

const boxesSchema = z
  .string()
  .transform((s) => {
    const parts = new Set(s.split(','));
    return { cluster: parts.has('cluster'), namespace: parts.has('namespace') };
  });

export const graphViewSchema = z.object({
  graphType: graphTypeSchema.catch('versionedApp'),
  duration: z.enum(DURATION_CHOICES).catch('10m'),
  refresh: z.enum(REFRESH_CHOICES).catch('30s'),
  layout: z.enum(LAYOUTS).catch('fcose'),
  edgeLabel: z.enum(EDGE_LABELS).catch('rps'),
  find: z.string().max(1000).catch(''),
  hide: z.string().max(1000).catch(''),
  boxes: boxesSchema.catch({ cluster: true, namespace: true }),
  idle: z.enum(['true', 'false']).transform((v) => v === 'true').catch(false),
  view: z.enum(['graph', 'table']).catch('graph'),
  selected: z.string().max(600).optional().catch(undefined),
});

export type GraphView = z.infer<typeof graphViewSchema> & { clusters: string[]; namespaces: string[] };
export type EdgeLabelMode = GraphView['edgeLabel'];
export type LayoutName = GraphView['layout'];
export type RefreshChoice = GraphView['refresh'];

type ParamsLike = Pick<URLSearchParams, 'get'>;

const DEFAULTS: Record<string, string> = {
  graphType: 'versionedApp',
  duration: '10m',
  refresh: '30s',
  layout: 'fcose',
  edgeLabel: 'rps',
  find: '',
  hide: '',
  boxes: 'cluster,namespace',
  idle: 'false',
  view: 'graph',
};

const KEYS = [...Object.keys(DEFAULTS), 'selected'] as const;

export function parseGraphView(params: ParamsLike): GraphView {
  const raw: Record<string, string> = {};
  for (const k of KEYS) raw[k] = params.get(k) ?? DEFAULTS[k] ?? '';
  if (!params.get('selected')) delete raw.selected;
  return { ...graphViewSchema.parse(raw), ...parseScope(params) };
}

/** The URL value of one setting ('' for the default, which is then left out of the link). */
function serialize(key: string, value: unknown): string {
  if (key === 'boxes') {
    const b = value as GraphView['boxes'];
    const s = [b.cluster && 'cluster', b.namespace && 'namespace'].filter(Boolean).join(',') || 'none';
    return s === DEFAULTS.boxes ? '' : s;
  }
  if (Array.isArray(value)) return value.join(',');
  const s = value === undefined ? '' : String(value);
  return s === DEFAULTS[key] ? '' : s;
}

/** `params` with the given settings changed; other parameters (the shared scope included) are kept. */
export function withGraphView(params: ParamsLike & { toString(): string }, patch: Partial<GraphView>): string {
  const out = new URLSearchParams(params.toString());
  for (const [k, v] of Object.entries(patch)) {
    const s = serialize(k, v);
    if (s) out.set(k, s);
    else out.delete(k);
  }
  const q = out.toString();
  return q ? `?${q}` : '';
}

export const refreshMs = (r: RefreshChoice): number | false => ({ off: false, '10s': 10_000, '30s': 30_000, '1m': 60_000 })[r] as number | false;
