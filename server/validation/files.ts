import 'server-only';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { YamlInput } from './offline';

// Files and folders named on the command line -> YAML inputs with their cluster.

const YAML_FILE = /\.(ya?ml|json)$/i;

export class UsageError extends Error {
  override name = 'UsageError';
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : YAML_FILE.test(e.name) ? [join(dir, e.name)] : []));
}

function read(file: string, cluster: string | undefined, cwd: string): YamlInput {
  const rel = relative(cwd, file);
  return { text: readFileSync(file, 'utf8'), file: rel && !rel.startsWith('..') ? rel : file, ...(cluster ? { cluster } : {}) };
}

/**
 * A file is read as it is. A folder holding only sub-folders is a folder per cluster (named after each
 * sub-folder) unless a cluster is given; any other folder is read recursively.
 */
export function readPath(path: string, cluster: string | undefined, cwd: string): YamlInput[] {
  const full = resolve(cwd, path);
  if (!existsSync(full)) throw new UsageError(`no such file or directory: ${path}`);
  if (!statSync(full).isDirectory()) return [read(full, cluster, cwd)];
  const entries = readdirSync(full, { withFileTypes: true });
  const perCluster = cluster === undefined && entries.some((e) => e.isDirectory()) && !entries.some((e) => e.isFile() && YAML_FILE.test(e.name));
  if (perCluster) {
    return entries
      .filter((e) => e.isDirectory())
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((e) => walk(join(full, e.name)).map((f) => read(f, e.name, cwd)));
  }
  return walk(full).map((f) => read(f, cluster, cwd));
}
