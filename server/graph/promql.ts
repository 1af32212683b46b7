import 'server-only';

/**
 * PromQL text helpers. Every label value that reaches a query goes through these: a namespace or
 * cluster name with a quote, backslash or newline must not be able to change the query.
 */

/** Escapes a value for a double-quoted PromQL string: backslash, double quote, newline. */
export function escapePromLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Escapes RE2 metacharacters so the value matches itself literally inside a `=~` matcher. */
export function escapePromRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

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
