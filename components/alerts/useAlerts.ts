'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { alertsResponseSchema, createSilenceResponseSchema, silencesResponseSchema, type CreateSilence } from '@/lib/alerts';
import { fetchJson } from '@/lib/api/fetch-json';
import { CSRF_HEADER } from '@/lib/api/session';
import { invalidateFeature, queryKey, type Feature } from '@/components/shell/query-keys';
import { useLiveFeatures, type LiveSignal } from '@/components/shell/useEvents';
import { useSession } from '@/components/shell/useSession';

/** Which alert queries an event makes stale: the alert set changed, or a cluster's cache state did (built-in checks). */
export function alertFeatures(s: LiveSignal): readonly Feature[] {
  if (s.type === 'alerts' || s.type === 'resync') return ['alerts', 'silences'];
  return s.type === 'cluster' ? ['alerts'] : [];
}

/** Every alert (all clusters and sources); pages filter locally. Live through /api/events, polled as a fallback. */
export function useAlerts() {
  useLiveFeatures(alertFeatures);
  return useQuery({ queryKey: queryKey(undefined, 'alerts'), queryFn: () => fetchJson('/api/alerts', alertsResponseSchema), refetchInterval: 15_000, staleTime: 5_000 });
}

export function useSilences() {
  return useQuery({ queryKey: queryKey(undefined, 'silences'), queryFn: () => fetchJson('/api/alerts/silences', silencesResponseSchema), refetchInterval: 30_000 });
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
  const csrf = useSession();
  const token = async () => csrf.data?.token ?? (await csrf.refetch()).data?.token ?? '';
  const renew = async () => (await csrf.refetch()).data?.token ?? '';
  const done = () => Promise.all([invalidateFeature(client, 'alerts'), invalidateFeature(client, 'silences')]);
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
