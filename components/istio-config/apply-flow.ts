'use client';

// The steps behind "Review and apply", without React: live objects per cluster, dry-run or apply
// to one cluster (PUT with resourceVersion) or several (POST /api/istio-config/apply), every
// cluster's answer as one row so partial failures are shown, never hidden.
import { ApiError } from '@/lib/api/fetch-json';
import type { FieldCause } from '@/lib/api/errors';
import type { ConfigItem, ObjectRef } from '@/lib/istio-config/api';
import type { Obj } from '@/lib/istio/forms';
import { applyMany, getObject, putObject } from './api';

export interface ClusterResult {
  cluster: string;
  ok: boolean;
  status: number;
  message: string;
  code?: string;
  causes?: FieldCause[];
  created?: boolean;
  resourceVersion?: string;
  object?: Obj;
}

export type LiveByCluster = Record<string, ConfigItem | null | { error: string }>;

export function isItem(v: LiveByCluster[string] | undefined): v is ConfigItem {
  return !!v && 'object' in v;
}

export async function loadLive(ref: ObjectRef, clusters: readonly string[]): Promise<LiveByCluster> {
  const entries = await Promise.all(
    clusters.map(async (cluster) => {
      try {
        return [cluster, await getObject({ ...ref, cluster })] as const;
      } catch (e) {
        return [cluster, { error: e instanceof Error ? e.message : String(e) }] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

function failure(cluster: string, e: unknown): ClusterResult {
  if (e instanceof ApiError) {
    return { cluster, ok: false, status: e.status, message: e.detail.message, code: e.detail.code, ...(e.detail.causes ? { causes: e.detail.causes } : {}) };
  }
  return { cluster, ok: false, status: 0, message: String(e) };
}

export interface ApplyInput {
  ref: ObjectRef;
  object: Obj;
  clusters: readonly string[];
  /** Per cluster, the resourceVersion to replace (absent = create there). */
  resourceVersions: Record<string, string>;
  dryRun: boolean;
  token: string;
  /** "revert": the history records the change as a revert. */
  action?: 'apply' | 'revert';
}

export async function applyToClusters(input: ApplyInput): Promise<ClusterResult[]> {
  const { ref, object, clusters, resourceVersions, dryRun, token, action } = input;
  const act = action ? { action } : {};
  const only = clusters.length === 1 ? clusters[0] : undefined;
  if (only !== undefined) {
    const rv = resourceVersions[only];
    try {
      const r = await putObject({ ...ref, cluster: only }, { object, ...(rv ? { resourceVersion: rv } : {}), ...act }, dryRun, token);
      const verb = dryRun ? (r.created ? 'would be created' : 'would be updated') : r.created ? 'created' : 'updated';
      return [{ cluster: only, ok: true, status: r.created && !dryRun ? 201 : 200, message: [`${ref.kind} ${ref.name} ${verb}`, ...(r.warnings ?? [])].join('; '), created: r.created, resourceVersion: r.resourceVersion, object: r.object }];
    } catch (e) {
      return [failure(only, e)];
    }
  }
  try {
    const res = await applyMany({ clusters: [...clusters], object, resourceVersions, dryRun, ...act }, token);
    return res.results.map((r) => ({
      cluster: r.cluster,
      ok: r.ok,
      status: r.status,
      message: r.ok ? [r.created ? (dryRun ? 'would be created' : 'created') : dryRun ? 'would be updated' : 'updated', ...(r.warnings ?? [])].join('; ') : (r.error?.message ?? `failed (${r.status})`),
      ...(r.error?.code ? { code: r.error.code } : {}),
      ...(r.error?.causes ? { causes: r.error.causes } : {}),
      ...(r.created !== undefined ? { created: r.created } : {}),
      ...(r.resourceVersion ? { resourceVersion: r.resourceVersion } : {}),
      ...(r.object ? { object: r.object } : {}),
    }));
  } catch (e) {
    // The whole request failed (403, 413, server down): every cluster gets the same answer.
    return clusters.map((c) => failure(c, e));
  }
}
