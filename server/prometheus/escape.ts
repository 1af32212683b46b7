import 'server-only';

// Escaping of values placed into PromQL. Every label value that comes from a user or an object
// name goes through one of these; never build a matcher by plain concatenation.

/**
 * A string as the content of a double-quoted PromQL label value: backslash, double quote and
 * newline escaped (`foo"bar` -> `foo\"bar`). Use as `name="${escapePromLabelValue(v)}"`.
 */
export function escapePromLabelValue(s: string): string {
  return s.replace(/[\\"\n\r]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\${c}`));
}

/**
 * A regular expression (RE2, as Prometheus uses, anchored by Prometheus) that matches `s` literally:
 * every metacharacter escaped (`a.b` -> `a\.b`). The result is a regex, not yet a label value: put
 * it in a matcher through escapePromLabelValue, or use promRegexAnyOf.
 */
export function escapePromRegex(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * The label value of a `=~` matcher that matches exactly one of `values`: escaped for the regex and
 * then for the quoted string: `destination_cluster=~"${promRegexAnyOf(clusters)}"`.
 * An empty list gives a regex that matches nothing (`=~""` would match an absent label).
 */
export function promRegexAnyOf(values: readonly string[]): string {
  if (values.length === 0) return escapePromLabelValue('$^.');
  return escapePromLabelValue(values.map(escapePromRegex).join('|'));
}
