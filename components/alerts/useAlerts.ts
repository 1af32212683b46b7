'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { alertsResponseSchema, createSilenceResponseSchema, silencesResponseSchema, type CreateSilence } from '@/lib/alerts';
import { fetchJson } from '@/lib/api/fetch-json';
import { CSRF_HEADER, csrfResponseSchema } from '@/lib/api/session';
import { alertsQueryKey, silencesQueryKey, useLiveEvents } from './live';

/** Every alert (all clusters and sources); pages filter locally. Live through /api/events, polled as a fallback. */
export function useAlerts() {
  useLiveEvents();
  return useQuery({ queryKey: alertsQueryKey, queryFn: () => fetchJson('/api/alerts', alertsResponseSchema), refetchInterval: 15_000, staleTime: 5_000 });
}

export function useSilences() {
  return useQuery({ queryKey: silencesQueryKey, queryFn: () => fetchJson('/api/alerts/silences', silencesResponseSchema), refetchInterval: 30_000 });
}

export function useCsrf() {
  return useQuery({ queryKey: ['csrf'], queryFn: () => fetchJson('/api/csrf', csrfResponseSchema), staleTime: Infinity });
}

/** A mutation with the CSRF token; a 403 about the token fetches a new one and retries once. */
async function mutate(url: string, init: RequestInit, token: () => Promise<string>, renew: () => Promise<string>) {
  const send = async (t: string) => fetchJson(url, createSilenceResponseSchema.partial(), { ...init, headers: { 'content-type': 'application/json', [CSRF_HEADER]: t } });
  try {
    return await send(await token());
  } catch (e) {
    if (e instanceof Error && /CSRF/i.test(e.message)) return send(await renew());
    throw e;
  }
}

export function useSilenceMutations() {
  const client = useQueryClient();
  const csrf = useCsrf();
  const token = async () => csrf.data?.token ?? (await csrf.refetch()).data?.token ?? '';
  const renew = async () => (await csrf.refetch()).data?.token ?? '';
  const done = () => Promise.all([client.invalidateQueries({ queryKey: alertsQueryKey }), client.invalidateQueries({ queryKey: silencesQueryKey })]);
  const create = useMutation({
    mutationFn: (body: CreateSilence) => mutate('/api/alerts/silences', { method: 'POST', body: JSON.stringify(body) }, token, renew),
    onSuccess: done,
  });
  const expire = useMutation({
    mutationFn: (id: string) => mutate(`/api/alerts/silences/${encodeURIComponent(id)}`, { method: 'DELETE' }, token, renew),
    onSuccess: done,
  });
  return { create, expire, readOnly: csrf.data?.readOnly ?? false, user: csrf.data?.user };
}
