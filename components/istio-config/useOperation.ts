'use client';

import { keepPreviousData, type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKey } from '@/components/shell/query-keys';
import type { OperationResult, ReviewResponse } from '@/lib/istio-config/api';
import { applyOperation, type OperationInput, reviewOperation } from './api';

// One review/apply operation in the browser: one query for the review (POST .../apply, mode
// review: it changes nothing) and one mutation for the apply, whatever the operation (edit, create,
// revert, delete) and however many clusters. A one-cluster apply costs at most three requests:
// the review, the apply, and a re-review when the apply met a conflict (409).

// The review's key detail is an object ({review: input}): no namespace, kind or list key looks like it.
const isReview = (key: readonly unknown[]) => typeof key[2] === 'object' && key[2] !== null && 'review' in key[2];

/** The review of `input`; it runs when the dialog opens, again only on refetch() or when the input changes. */
export function useReview(input: OperationInput, token: string, enabled = true) {
  return useQuery({
    queryKey: queryKey(input.clusters, 'istio-config', { review: input }),
    queryFn: () => reviewOperation(input, token),
    enabled,
    // While another set of clusters is reviewed, the last review stays on screen (isPlaceholderData).
    placeholderData: keepPreviousData,
    // A review is a moment's truth: never reused by another dialog, never refreshed behind the user's back.
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/**
 * Marks every Istio config query stale without refetching now (the page shows the apply's own
 * answer meanwhile; the list, the history and the next poll load the new state), and leaves the open
 * review alone, so an apply costs no request of its own beyond itself.
 */
function markStale(client: QueryClient) {
  return client.invalidateQueries({ predicate: (q) => q.queryKey[1] === 'istio-config' && !isReview(q.queryKey), refetchType: 'none' });
}

/** The apply of a reviewed operation (send the review's resourceVersions: `reviewedVersions`). */
export function useApply(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: OperationInput) => applyOperation(input, token),
    onSuccess: () => markStale(client),
  });
}

/** Per cluster, the resourceVersion the review was based on: what the apply must send (absent: create). */
export function reviewedVersions(review: ReviewResponse): Record<string, string> {
  return Object.fromEntries(review.rows.flatMap((r) => (r.reviewedResourceVersion ? [[r.cluster, r.reviewedResourceVersion]] : [])));
}

/** Every field cause the API server gave in the rows (for the editor's markers). */
export function causesOf(rows: readonly Pick<OperationResult, 'error'>[]) {
  return rows.flatMap((r) => r.error?.causes ?? []);
}
