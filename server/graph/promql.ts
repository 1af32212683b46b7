import 'server-only';
import { escapePromLabelValue, escapePromRegex } from '@/server/prometheus/escape';

/**
 * PromQL text helpers of the graph queries. Every label value that reaches a query goes through
 * the escaping of server/prometheus/escape.ts: a namespace or cluster name with a quote, backslash
 * or newline must not be able to change the query.
 */
export { escapePromLabelValue, escapePromRegex };

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  label: string;
  op: MatchOp;
  value: string;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A matcher; label names are checked (they cannot be quoted in PromQL), values escaped. */
export function matcher(label: string, op: MatchOp, value: string): Matcher {
  if (!LABEL_NAME.test(label)) throw new Error(`invalid Prometheus label name ${JSON.stringify(label)}`);
  return { label, op, value };
}

/** `label=~"a|b"` matching any of the values literally. */
export function anyOf(label: string, values: readonly string[]): Matcher {
  return matcher(label, '=~', values.map(escapePromRegex).join('|'));
}

export function renderMatchers(matchers: readonly Matcher[]): string {
  return matchers.map((m) => `${m.label}${m.op}"${escapePromLabelValue(m.value)}"`).join(',');
}

/** `metric{matchers}` */
export function selector(metric: string, matchers: readonly Matcher[]): string {
  return `${metric}{${renderMatchers(matchers)}}`;
}

/** Range for rate(): whole seconds, at least 1. */
export function rangeOf(durationSeconds: number): string {
  const s = Number.isFinite(durationSeconds) ? Math.max(1, Math.round(durationSeconds)) : 600;
  return `${s}s`;
}
