import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import { isPlainObject } from './objects';
import { KubeError, badRequest, status } from './status';

// JSON merge patch (RFC 7386) and JSON patch (RFC 6902). Both return a new document and never
// change their inputs. A failed JSON patch `test` is a 422 as in the API server; other failures 400.

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isPlainObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'test' | 'move' | 'copy';
  path: string;
  value?: unknown;
  from?: string;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw badRequest(`the server rejected our request due to an error in our request: invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

/** The parent container of a pointer and the last token, for reading and writing in place. */
function locate(doc: unknown, pointer: string): { parent: Container; token: string } {
  const tokens = parsePointer(pointer);
  const token = tokens.pop();
  if (token === undefined) throw badRequest('the root of the document cannot be patched here');
  let cur: unknown = doc;
  for (const t of tokens) {
    cur = Array.isArray(cur) ? cur[Number(t)] : isPlainObject(cur) ? cur[t] : undefined;
    if (cur === undefined) throw badRequest(`doc is missing path: "${pointer}": missing value`);
  }
  if (!Array.isArray(cur) && !isPlainObject(cur)) throw badRequest(`doc is missing path: "${pointer}": missing value`);
  return { parent: cur, token };
}

function arrayIndex(arr: unknown[], token: string, forInsert: boolean): number {
  if (forInsert && token === '-') return arr.length;
  const i = Number(token);
  const max = forInsert ? arr.length : arr.length - 1;
  if (!/^\d+$/.test(token) || i > max) throw badRequest(`Unable to access invalid index: ${token}`);
  return i;
}

function read(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  const { parent, token } = locate(doc, pointer);
  const value = Array.isArray(parent) ? parent[arrayIndex(parent, token, false)] : parent[token];
  if (value === undefined) throw badRequest(`doc is missing path: "${pointer}": missing value`);
  return value;
}

function remove(doc: unknown, pointer: string): unknown {
  const { parent, token } = locate(doc, pointer);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, token, false), 1)[0];
  if (!(token in parent)) throw badRequest(`doc is missing path: "${pointer}": missing value`);
  const value = parent[token];
  delete parent[token];
  return value;
}

function add(doc: unknown, pointer: string, value: unknown, replace: boolean): unknown {
  if (pointer === '') return value;
  const { parent, token } = locate(doc, pointer);
  if (Array.isArray(parent)) {
    const i = arrayIndex(parent, token, !replace);
    parent.splice(i, replace ? 1 : 0, value);
  } else {
    if (replace && !(token in parent)) throw badRequest(`doc is missing key: "${pointer}": missing value`);
    parent[token] = value;
  }
  return doc;
}

export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest('json patch must be an array of operations');
  let doc = structuredClone(target);
  for (const raw of ops as JsonPatchOp[]) {
    const path = typeof raw?.path === 'string' ? raw.path : undefined;
    if (path === undefined) throw badRequest(`invalid JSON patch operation: ${JSON.stringify(raw)}`);
    switch (raw.op) {
      case 'add':
      case 'replace':
        doc = add(doc, path, structuredClone(raw.value), raw.op === 'replace');
        break;
      case 'remove':
        remove(doc, path);
        break;
      case 'test':
        if (!isDeepStrictEqual(read(doc, path), raw.value)) {
          throw new KubeError(status(422, 'Invalid', `the server rejected our request due to an error in our request: testing value ${path} failed: test failed`));
        }
        break;
      case 'move':
      case 'copy': {
        if (typeof raw.from !== 'string') throw badRequest(`"from" is missing in ${raw.op} operation`);
        const value = raw.op === 'move' ? remove(doc, raw.from) : structuredClone(read(doc, raw.from));
        doc = add(doc, path, value, false);
        break;
      }
      default:
        throw badRequest(`Unexpected kind: ${String((raw as { op?: unknown }).op)}`);
    }
  }
  return doc;
}
