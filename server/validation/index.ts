import 'server-only';
import type { InventorySnapshot, K8sObject } from '@/lib/inventory/types';
import type { Finding } from '@/lib/validation/types';
import { Ctx, type AnalyzeOptions } from './context';
import { CHECKS } from './registry';
import type { RawFinding } from './types';

export type { AnalyzeOptions } from './context';
export { CHECKS } from './registry';
export type { Check } from './types';

/** Where an object and a field of it were read from (offline files, posted YAML). */
export type Locate = (obj: K8sObject, path: string | undefined) => { line?: number; file?: string } | undefined;

export interface AnalyzeSnapshotOptions extends AnalyzeOptions {
  locate?: Locate;
  /** Only these codes (default: every check). */
  codes?: readonly string[];
  /** Only findings about objects this accepts (e.g. the posted ones among live objects). */
  about?: (obj: K8sObject) => boolean;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function key(f: Finding): string {
  return [f.code, f.cluster, f.kind, f.namespace, f.objectName, f.path, f.message].join('\u0000');
}

/**
 * Runs every check over a snapshot of one or all clusters. Pure: the same snapshot gives the same
 * findings, sorted by severity, then object, then code. Duplicates (same code, object, path, message) are dropped.
 */
export function analyzeSnapshot(snapshot: InventorySnapshot, opts: AnalyzeSnapshotOptions = {}): Finding[] {
  const ctx = new Ctx(snapshot, opts);
  const checks = opts.codes ? CHECKS.filter((c) => opts.codes?.includes(c.code)) : CHECKS;
  const raw: RawFinding[] = checks.flatMap((c) => c.run(ctx));
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const { item, ...f } of raw) {
    if (opts.about && !opts.about(item.obj)) continue;
    const k = key(f);
    if (seen.has(k)) continue;
    seen.add(k);
    const where = opts.locate?.(item.obj, f.path);
    out.push({ ...f, ...(where?.line ? { line: where.line } : {}), ...(where?.file ? { file: where.file } : {}) });
  }
  return out.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.cluster ?? '').localeCompare(b.cluster ?? '') ||
      a.kind.localeCompare(b.kind) ||
      (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
      a.objectName.localeCompare(b.objectName) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.code.localeCompare(b.code) ||
      (a.path ?? '').localeCompare(b.path ?? ''),
  );
}

/** The key of an object's findings: `cluster/kind/namespace/name` (cluster and namespace may be empty). */
export function objectKeyOf(f: Pick<Finding, 'cluster' | 'kind' | 'namespace' | 'objectName'>): string {
  return `${f.cluster ?? ''}/${f.kind}/${f.namespace ?? ''}/${f.objectName}`;
}

/** Findings grouped by object (see objectKeyOf), for the config list and graph badges. */
export function findingsByObject(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = objectKeyOf(f);
    const list = out.get(k);
    if (list) list.push(f);
    else out.set(k, [f]);
  }
  return out;
}
