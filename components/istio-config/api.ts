'use client';

// The browser side of the Istio config API contract (lib/istio-config/api.ts): every answer parsed
// with the contract's schemas; mutations carry the CSRF token and are same-origin JSON.
import { queryKey } from '@/components/shell/query-keys';
import { ApiError, fetchJson } from '@/lib/api/fetch-json';
import { CSRF_HEADER } from '@/lib/api/session';
import { applyResponseSchema, configItemSchema, configListResponseSchema, historyResponseSchema, reviewResponseSchema, type ObjectRef, type OperationRequest } from '@/lib/istio-config/api';
import { validateResponseSchema } from '@/lib/validation/api';

const enc = encodeURIComponent;
function objectUrl(ref: ObjectRef): string {
  return `/api/istio-config/${enc(ref.cluster)}/${enc(ref.namespace)}/${enc(ref.kind)}/${enc(ref.name)}`;
}
export function objectPageUrl(ref: ObjectRef): string {
  return `/istio/${enc(ref.cluster)}/${enc(ref.namespace)}/${enc(ref.kind)}/${enc(ref.name)}`;
}

/** The query key of one object (its history's key starts with it, so invalidating the object covers both). */
export function objectKey(ref: ObjectRef) {
  return queryKey(ref.cluster, 'istio-config', ref.namespace, ref.kind, ref.name);
}

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

function post(token: string, body: unknown): RequestInit {
  return {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: token },
    body: JSON.stringify(body),
  };
}

/** An operation without its mode: what a review looks at and an apply then executes. */
export type OperationInput = Omit<OperationRequest, 'mode'>;

const OPERATION_URL = '/api/istio-config/apply';

/** POST /api/istio-config/apply in review mode: per cluster live object, findings, dry-run and diff. */
export function reviewOperation(input: OperationInput, token: string) {
  return fetchJson(OPERATION_URL, reviewResponseSchema, post(token, { ...input, mode: 'review' }));
}

/** POST /api/istio-config/apply in apply mode: one row per cluster. */
export function applyOperation(input: OperationInput, token: string) {
  return fetchJson(OPERATION_URL, applyResponseSchema, post(token, { ...input, mode: 'apply' }));
}

/** POST /api/validate: findings about the editor's text in the context of its cluster's live inventory. */
export function validateYaml(yaml: string, cluster: string | undefined, token: string | undefined) {
  return fetchJson('/api/validate', validateResponseSchema, post(token ?? '', { yaml, ...(cluster ? { cluster, withLive: true } : {}) }));
}
