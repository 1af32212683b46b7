'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetch-json';
import { csrfResponseSchema } from '@/lib/api/session';
import { queryKey } from './query-keys';

/** The caller's session (GET /api/csrf): the CSRF token of mutations, read-only mode and user name. */
export function useSession() {
  return useQuery({ queryKey: queryKey(undefined, 'session'), queryFn: () => fetchJson('/api/csrf', csrfResponseSchema), staleTime: Infinity, retry: 1 });
}
