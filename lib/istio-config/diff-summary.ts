/**
 * A one-line summary of what changed between two JSON values: the changed field paths, with
 * `old -> new` for leaves ("spec.http[0].route[0].weight: 50 -> 0; spec.http[0].timeout: (absent) -> \"2s\"").
 * Used in the history Events written on every apply/delete and shown in the history list. Pure.
 */
import { childPath } from '../mesh-rules/field-path';
import { withoutToolAnnotations } from '../mesh-rules/server-fields';
import { isRec } from '../mesh-rules/spec';

export interface FieldChange {
  /** Kubernetes-style path: `spec.http[0].route[1].weight`, `metadata.labels[app.kubernetes.io/name]`. */
  path: string;
  /** undefined = absent. */
  before: unknown;
  after: unknown;
}

/** The changed leaves (and added/removed subtrees) between `before` and `after`, in document order. */
export function diffFields(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (Object.is(before, after)) return [];
  if (isRec(before) && isRec(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
    return keys.flatMap((k) => diffFields(before[k], after[k], childPath(path, k)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length);
    const out: FieldChange[] = [];
    for (let i = 0; i < n; i++) out.push(...diffFields(before[i], after[i], childPath(path, i)));
    return out;
  }
  if (before === undefined && after === undefined) return [];
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path || '(root)', before, after }];
}

/** A value in a summary: JSON, shortened to `max` characters; undefined is "(absent)". */
export function formatValue(v: unknown, max = 60): string {
  if (v === undefined) return '(absent)';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export interface SummaryOptions {
  /** Total length cap of the summary (default 900). */
  maxLength?: number;
}

/** "path: old -> new; path2: old -> new" (or "no changes"), truncated with "… (N more)" to maxLength. */
export function diffSummary(before: unknown, after: unknown, options: SummaryOptions = {}): string {
  const max = options.maxLength ?? 900;
  const changes = diffFields(before, after);
  if (changes.length === 0) return 'no changes';
  const parts = changes.map((c) => `${c.path}: ${formatValue(c.before)} -> ${formatValue(c.after)}`);
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const next = out ? `${out}; ${part}` : part;
    const rest = parts.length - i - 1;
    const suffix = rest > 0 ? `; … (${rest} more)` : '';
    if (next.length + suffix.length > max) {
      if (out) return `${out}; … (${parts.length - i} more)`;
      // Even the first change is too long: cut it.
      const more = rest > 0 ? ` (${rest} more)` : '';
      return `${part.slice(0, Math.max(1, max - more.length - 1))}…${more}`;
    }
    out = next;
  }
  return out;
}

/** The part of an object whose changes the history records: labels, annotations (but tools') and spec. */
export function editableParts(obj: unknown): Record<string, unknown> | undefined {
  if (!isRec(obj)) return undefined;
  const meta = isRec(obj.metadata) ? obj.metadata : {};
  const out: Record<string, unknown> = {};
  if (meta.labels !== undefined) out.metadata = { labels: meta.labels };
  const annotations = withoutToolAnnotations(meta.annotations);
  if (annotations) out.metadata = { ...(out.metadata as object | undefined), annotations };
  if (obj.spec !== undefined) out.spec = obj.spec;
  return out;
}
