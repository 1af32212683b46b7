import 'server-only';
import type { KubeObject } from '../types';
import { apiVersionOf, type ResourceDef } from './resources';
import { compileSelectors } from './selectors';
import { KubeError, badRequest, status } from './status';
import type { ClusterStore } from './store';
import { includeObjectOf, toTable } from './table';

// Collection GETs: selectors, one namespace or all, limit + continue (the token names the last
// object returned; the next page starts after it, in namespace/name order).

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: string;
  continue?: string;
  includeObject?: string;
}

const sortKey = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** The objects of one kind a query selects, in namespace/name order. */
export function selectObjects(store: ClusterStore, def: ResourceDef, namespace: string | undefined, query: ListQuery): KubeObject[] {
  const matches = compileSelectors(query.labelSelector, query.fieldSelector);
  return store
    .list(apiVersionOf(def), def.kind, namespace)
    .filter(matches)
    .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

function encodeContinue(rv: string, last: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: last })).toString('base64url');
}

function decodeContinue(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { start?: unknown };
    if (typeof parsed.start === 'string') return parsed.start;
  } catch {
    // fall through
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

function page(objects: KubeObject[], query: ListQuery, rv: string): { items: KubeObject[]; continueToken?: string; remaining?: number } {
  const start = query.continue ? decodeContinue(query.continue) : undefined;
  const after = start === undefined ? objects : objects.filter((o) => sortKey(o) > start);
  const limit = query.limit ? Number(query.limit) : 0;
  if (!Number.isInteger(limit) || limit < 0) throw new KubeError(status(400, 'BadRequest', `invalid limit: ${query.limit}`));
  if (limit === 0 || after.length <= limit) return { items: after };
  const items = after.slice(0, limit);
  const last = items[items.length - 1];
  return { items, continueToken: encodeContinue(rv, last ? sortKey(last) : ''), remaining: after.length - limit };
}

export function listResponse(store: ClusterStore, def: ResourceDef, namespace: string | undefined, query: ListQuery, table: boolean): unknown {
  const rv = store.resourceVersion;
  const { items, continueToken, remaining } = page(selectObjects(store, def, namespace, query), query, rv);
  if (table) {
    return toTable(def, items, { include: includeObjectOf(query.includeObject), resourceVersion: rv, ...(continueToken ? { continueToken } : {}) });
  }
  return {
    kind: `${def.kind}List`,
    apiVersion: apiVersionOf(def),
    metadata: {
      resourceVersion: rv,
      ...(continueToken ? { continue: continueToken } : {}),
      ...(remaining !== undefined ? { remainingItemCount: remaining } : {}),
    },
    items,
  };
}
