/**
 * The console's selection lives in the URL so every view is deep-linkable and back/forward works.
 * `clusters` and `namespaces` are the scope every page shares; pages add their own parameters.
 */
const SCOPE_PARAMS = ['clusters', 'namespaces'] as const;

export interface Scope {
  /** Selected clusters; empty = all. */
  clusters: string[];
  /** Selected namespaces; empty = all. */
  namespaces: string[];
}

type ParamsLike = Pick<URLSearchParams, 'get'>;

function list(v: string | null): string[] {
  if (!v) return [];
  return [...new Set(v.split(',').map((s) => s.trim()).filter(Boolean))];
}

export function parseScope(params: ParamsLike): Scope {
  return { clusters: list(params.get('clusters')), namespaces: list(params.get('namespaces')) };
}

/** A query string (with leading "?", or "") carrying only the scope of `params`. */
export function scopeQuery(params: ParamsLike): string {
  const out = new URLSearchParams();
  for (const key of SCOPE_PARAMS) {
    const v = list(params.get(key));
    if (v.length) out.set(key, v.join(','));
  }
  const s = out.toString();
  return s ? `?${s}` : '';
}

/** `params` with `key` set to `values` (removed when empty), other parameters kept. */
export function withParam(params: URLSearchParams | ParamsLike & { toString(): string }, key: string, values: string[] | string | undefined): string {
  const out = new URLSearchParams(params.toString());
  const v = Array.isArray(values) ? values.join(',') : values;
  if (v) out.set(key, v);
  else out.delete(key);
  const s = out.toString();
  return s ? `?${s}` : '';
}

/** The navigation of the console: every entry keeps the scope across navigation. */
export const NAV_ITEMS = [
  { href: '/', label: 'Overview' },
  { href: '/graph', label: 'Graph' },
  { href: '/mesh', label: 'Mesh & Clusters' },
  { href: '/services', label: 'Services' },
  { href: '/istio', label: 'Istio Config' },
  { href: '/alerts', label: 'Alerts' },
] as const;
