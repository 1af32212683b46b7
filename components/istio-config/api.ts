'use client';

// The browser side of the Istio config API contract (lib/istio-config/api.ts): every answer parsed
// with the contract's schemas; mutations carry the CSRF token and are same-origin JSON.
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiError, fetchJson } from '@/lib/api/fetch-json';
import { applyResponseSchema, configItemSchema, configListResponseSchema, deleteResponseSchema, historyResponseSchema, multiApplyResponseSchema, type ApplyRequest, type MultiApplyRequest, type ObjectRef } from '@/lib/istio-config/api';
import { csrfResponseSchema, CSRF_HEADER } from '@/lib/api/session';
import { findingSchema } from '@/lib/validation/types';

export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: () => fetchJson('/api/csrf', csrfResponseSchema),
    staleTime: Infinity,
    retry: 1,
  });
}

const enc = encodeURIComponent;
export function objectUrl(ref: ObjectRef): string {
  return `/api/istio-config/${enc(ref.cluster)}/${enc(ref.namespace)}/${enc(ref.kind)}/${enc(ref.name)}`;
}
export function objectPageUrl(ref: ObjectRef): string {
  return `/istio/${enc(ref.cluster)}/${enc(ref.namespace)}/${enc(ref.kind)}/${enc(ref.name)}`;
}

export const configKeys = {
  list: (clusters: string, query: string) => [clusters || 'all', 'istio-config', 'list', query] as const,
  object: (ref: ObjectRef) => [ref.cluster, 'istio-config', ref.namespace, ref.kind, ref.name] as const,
  history: (ref: ObjectRef) => [ref.cluster, 'istio-config', ref.namespace, ref.kind, ref.name, 'history'] as const,
};

export function listObjects(query: string) {
  return fetchJson(`/api/istio-config${query}`, configListResponseSchema);
}

/** One object, or null when it does not exist. */
export async function getObject(ref: ObjectRef) {
  try {
    return await fetchJson(objectUrl(ref), configItemSchema);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && e.detail.code === 'not_found') return null;
    throw e;
  }
}

export function getHistory(ref: ObjectRef) {
  return fetchJson(`${objectUrl(ref)}/history`, historyResponseSchema);
}

function mutation(method: string, token: string, body: unknown): RequestInit {
  return {
    method,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: token },
    body: JSON.stringify(body),
  };
}

export function putObject(ref: ObjectRef, body: ApplyRequest, dryRun: boolean, token: string) {
  return fetchJson(`${objectUrl(ref)}${dryRun ? '?dryRun=true' : ''}`, applyResponseSchema, mutation('PUT', token, body));
}

export function applyMany(body: MultiApplyRequest, token: string) {
  return fetchJson('/api/istio-config/apply', multiApplyResponseSchema, mutation('POST', token, body));
}

export function deleteObject(ref: ObjectRef, resourceVersion: string | undefined, token: string) {
  return fetchJson(objectUrl(ref), deleteResponseSchema, mutation('DELETE', token, resourceVersion ? { resourceVersion } : {}));
}

export const validateResponseSchema = z.object({ findings: z.array(findingSchema) });

/** POST /api/validate; 'unavailable' while the route does not exist (404/405) so the editor says so. */
export async function validateYaml(yaml: string, cluster: string | undefined, token: string | undefined) {
  try {
    const init = mutation('POST', token ?? '', { yaml, ...(cluster ? { cluster, withLive: true } : {}) });
    return await fetchJson('/api/validate', validateResponseSchema, init);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return 'unavailable' as const;
    throw e;
  }
}
