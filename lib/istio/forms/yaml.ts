// YAML text <-> object for the editors, with positions: the line of a field path (to mark a
// schema error or a 422 cause where it is) and form edits patched into the user's text so that
// comments and layout of everything the form did not touch are kept.
import { type Document, isMap, isScalar, LineCounter, type Node, parseDocument, stringify } from 'yaml';
import { parseFieldPath } from '../../mesh-rules/field-path';
import { deepEqual, isObj, type Obj } from './object';

export type YamlParse = { ok: true; value: Obj } | { ok: false; message: string; line: number };

export function toYaml(obj: unknown): string {
  return stringify(obj, { lineWidth: 0 });
}

/** Parses the editor's text: one YAML document holding a mapping. */
export function parseYamlObject(text: string): YamlParse {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0].line ?? lc.linePos(err.pos[0]).line;
    return { ok: false, message: err.message.split('\n')[0] ?? err.message, line };
  }
  const value: unknown = doc.toJS();
  if (!isObj(value)) return { ok: false, message: 'The YAML must be one object (a mapping with apiVersion, kind, metadata, spec)', line: 1 };
  return { ok: true, value };
}

function rangeStart(node: unknown): number | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r ? r[0] : undefined;
}

/**
 * The 1-based line of a field (`spec.http[0].route`) in `text`: the line of its key, or of the
 * nearest enclosing field that exists. Line 1 when nothing matches or the text does not parse.
 */
export function lineOfField(text: string, field: string): number {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length) return 1;
  const path = parseFieldPath(field);
  for (let n = path.length; n > 0; n--) {
    const prefix = path.slice(0, n);
    const last = prefix[prefix.length - 1];
    const parent = n === 1 ? doc.contents : doc.getIn(prefix.slice(0, -1), true);
    if (typeof last === 'string' && isMap(parent)) {
      const pair = parent.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === last);
      const pos = rangeStart(pair?.key);
      if (pos !== undefined) return lc.linePos(pos).line;
    }
    const pos = rangeStart(doc.getIn(prefix, true));
    if (pos !== undefined) return lc.linePos(pos).line;
  }
  return 1;
}

function patch(doc: Document, path: (string | number)[], before: unknown, after: unknown): void {
  if (deepEqual(before, after)) return;
  if (isObj(before) && isObj(after)) {
    for (const key of Object.keys(before)) if (!(key in after)) doc.deleteIn([...path, key]);
    for (const [key, value] of Object.entries(after)) {
      if (key in before) patch(doc, [...path, key], before[key], value);
      else doc.setIn([...path, key], doc.createNode(value));
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && path.length > 0) {
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++) patch(doc, [...path, i], before[i], after[i]);
    for (let i = before.length - 1; i >= after.length; i--) doc.deleteIn([...path, i]);
    for (let i = common; i < after.length; i++) doc.addIn(path, doc.createNode(after[i]));
    return;
  }
  if (path.length === 0) {
    doc.contents = doc.createNode(after);
    return;
  }
  doc.setIn(path, doc.createNode(after));
}

/**
 * The text with the changes from `before` to `after` applied node by node: what the form did not
 * change keeps its comments and layout. When the text does not parse, a fresh YAML of `after`.
 */
export function patchYamlText(text: string, after: Obj): string {
  const doc = parseDocument(text);
  if (doc.errors.length) return toYaml(after);
  const before: unknown = doc.toJS();
  if (!isObj(before)) return toYaml(after);
  patch(doc, [], before, after);
  return doc.toString({ lineWidth: 0 });
}
