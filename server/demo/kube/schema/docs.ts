import 'server-only';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The upstream descriptions and required fields of each model, for the OpenAPI documents that
// `kubectl explain` reads. client-node keeps them in its generated declarations: the description
// of a type and of each field as a doc comment, a required field without `?`.

export interface ModelDocs {
  description: string;
  fields: Map<string, string>;
  required: string[];
}

let modelsDir: string | undefined;

function dir(): string {
  modelsDir ??= join(dirname(createRequire(import.meta.url).resolve('@kubernetes/client-node/package.json')), 'dist', 'gen', 'models');
  return modelsDir;
}

const commentText = (c: string) =>
  c
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, '').trim())
    .filter(Boolean)
    .join('\n')
    .replace(/\\(['"\\])/g, '$1');

/** Parses one generated declaration file. */
export function parseDeclaration(text: string): ModelDocs {
  const cls = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export declare class/.exec(text);
  const fields = new Map<string, string>();
  const required: string[] = [];
  const body = text.slice(text.indexOf('export declare class'));
  const member = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?'([^']+)'(\?)?:/g;
  for (const m of body.matchAll(member)) {
    if (m[1]) fields.set(m[2]!, commentText(m[1]));
    if (!m[3]) required.push(m[2]!);
  }
  return { description: cls ? commentText(cls[1]!) : '', fields, required };
}

const cache = new Map<string, Promise<ModelDocs>>();

/** The docs of a generated model; empty for models that are not client-node's (CRDs). */
export function modelDocs(name: string): Promise<ModelDocs> {
  let docs = cache.get(name);
  if (!docs) {
    docs = readFile(join(dir(), `${name}.d.ts`), 'utf8').then(parseDeclaration, () => ({ description: '', fields: new Map(), required: [] }));
    cache.set(name, docs);
  }
  return docs;
}
