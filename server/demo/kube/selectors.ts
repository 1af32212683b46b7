import 'server-only';
import type { KubeObject } from '../types';
import { badRequest } from './status';

// Label selectors (=, ==, !=, in, notin, exists, !key) and field selectors (=, ==, !=) as the API
// server parses them. A parse error is a 400 BadRequest.

type LabelRequirement =
  | { op: 'exists' | 'notexists'; key: string }
  | { op: 'in' | 'notin'; key: string; values: string[] };

type FieldRequirement = { op: 'eq' | 'neq'; path: string; value: string };

export type Selector = (obj: KubeObject) => boolean;

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

/** Split on commas that are not inside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += ch;
  }
  terms.push(current);
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

function checkKey(key: string, selector: string): string {
  if (!KEY.test(key)) throw badRequest(`unable to parse requirement: invalid label key "${key}" in selector "${selector}"`);
  return key;
}

function checkValue(value: string, selector: string): string {
  if (!VALUE.test(value)) throw badRequest(`unable to parse requirement: invalid label value "${value}" in selector "${selector}"`);
  return value;
}

export function parseLabelSelector(selector: string): LabelRequirement[] {
  return splitTerms(selector).map((term): LabelRequirement => {
    const set = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(term);
    if (set) {
      const values = (set[3] ?? '').split(',').map((v) => checkValue(v.trim(), selector));
      return { op: set[2] as 'in' | 'notin', key: checkKey(set[1] ?? '', selector), values };
    }
    const cmp = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (cmp) {
      const op = cmp[2] === '!=' ? 'notin' : 'in';
      return { op, key: checkKey(cmp[1] ?? '', selector), values: [checkValue((cmp[3] ?? '').trim(), selector)] };
    }
    if (term.startsWith('!')) return { op: 'notexists', key: checkKey(term.slice(1).trim(), selector) };
    return { op: 'exists', key: checkKey(term, selector) };
  });
}

function matchesLabels(reqs: LabelRequirement[], labels: Record<string, string> = {}): boolean {
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case 'notexists':
        return !has;
      case 'in':
        return has && r.values.includes(labels[r.key] ?? '');
      case 'notin':
        return !has || !r.values.includes(labels[r.key] ?? '');
    }
  });
}

/** Field paths the demo API server can select on (metadata.* for every kind, a few kind fields). */
const FIELDS = new Set([
  'metadata.name',
  'metadata.namespace',
  'status.phase',
  'spec.nodeName',
  'spec.type',
  'type',
  'reason',
  'involvedObject.kind',
  'involvedObject.name',
  'involvedObject.namespace',
  'involvedObject.uid',
  'regarding.kind',
  'regarding.name',
  'regarding.namespace',
]);

export function parseFieldSelector(selector: string): FieldRequirement[] {
  return splitTerms(selector).map((term) => {
    const m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const path = m[1] ?? '';
    if (!FIELDS.has(path)) throw badRequest(`field label not supported: ${path}`);
    return { op: m[2] === '!=' ? 'neq' : 'eq', path, value: (m[3] ?? '').trim() };
  });
}

function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  }
  return cur === undefined || cur === null ? '' : String(cur);
}

/** One predicate for both selectors; absent selectors match everything. */
export function compileSelectors(labelSelector?: string | null, fieldSelector?: string | null): Selector {
  const labels = labelSelector ? parseLabelSelector(labelSelector) : [];
  const fields = fieldSelector ? parseFieldSelector(fieldSelector) : [];
  return (obj) =>
    matchesLabels(labels, obj.metadata.labels) &&
    fields.every((f) => (fieldValue(obj, f.path) === f.value) === (f.op === 'eq'));
}
