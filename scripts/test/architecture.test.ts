import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// docs/architecture.md is the project's living map: its folder map must list every top-level folder
// of server/, components/ and lib/ that exists, and nothing that is gone.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAP = 'docs/architecture.md';
const ROOTS = ['server', 'components', 'lib'] as const;

/** The folders the map lists: the first cell of each table row under "## Folder map", e.g. `server/graph/`. */
function mappedFolders(markdown: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === '## Folder map');
  if (start < 0) throw new Error(`${MAP} has no "## Folder map" section`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  const section = lines.slice(start + 1, end < 0 ? undefined : end);
  const row = /^\|\s*`((?:server|components|lib)\/[^`/\s]+)\/?`\s*\|/;
  return section.flatMap((l) => row.exec(l)?.[1] ?? []);
}

/** A directory that holds at least one file somewhere below it (an empty leftover is no folder). */
function holdsFiles(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((e) => e.isFile() || (e.isDirectory() && holdsFiles(join(dir, e.name))));
}

/** The top-level folders of server/, components/ and lib/ in the tree. */
function treeFolders(): string[] {
  return ROOTS.flatMap((r) =>
    readdirSync(join(ROOT, r), { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && holdsFiles(join(ROOT, r, e.name)))
      .map((e) => `${r}/${e.name}`),
  ).sort();
}

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Each mapped folder's last column: the folders it may import, e.g. "lib: api, graph · server: kube" -> lib/api, lib/graph, server/kube. */
function mappedImports(markdown: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const section = markdown.split('\n## Folder map')[1]?.split('\n## ')[0] ?? '';
  for (const line of section.split('\n')) {
    const folder = /^\|\s*`((?:server|components|lib)\/[^`/\s]+)\/?`\s*\|/.exec(line)?.[1];
    if (!folder) continue;
    const last = line.trim().replace(/\|$/, '').split(' | ').pop() ?? '';
    const allowed = new Set<string>();
    for (const part of last.split('·')) {
      const m = /^\s*(lib|components|server):\s*(.+)$/.exec(part.replace(/\([^)]*\)/g, ''));
      if (m) for (const name of m[2]!.split(',')) allowed.add(`${m[1]}/${name.trim()}`);
    }
    out.set(folder, allowed);
  }
  return out;
}

const IMPORT = /(?:from|import)\s*\(?\s*'(@\/[^']+|\.{1,2}\/[^']+)'/g;

/** The other top-level folders a folder's production files (not tests or test helpers) import. */
function actualImports(folder: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== 'testing' && !e.name.startsWith('__')) walk(rel);
      } else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$|^testing\.ts$/.test(e.name)) {
        for (const m of read(rel).matchAll(IMPORT)) {
          const spec = m[1]!;
          const target = spec.startsWith('@/') ? spec.slice(2) : join(dir, spec).replaceAll('\\', '/');
          const [layer, name] = target.split('/');
          if (!layer || !name || !ROOTS.includes(layer as (typeof ROOTS)[number])) continue;
          const top = `${layer}/${name.replace(/\.tsx?$/, '')}`;
          if (top !== folder && !found.has(top)) found.set(top, rel);
        }
      }
    }
  };
  walk(folder);
  return found;
}

describe(`${MAP}: the folder map matches the tree`, () => {
  it('reads folders only from the first column of the folder map', () => {
    const md = [
      '## Layers',
      '| `server/outside/` | a layer row, not the map |',
      '## Folder map',
      '| folder | holds | imports |',
      '|---|---|---|',
      '| `server/graph/` | graphs | server: `server/kube/` |',
      '| `lib/api` | contracts | — |',
      '| lib/plain/ | not code-formatted | — |',
      '## Data flow',
      '| `components/late/` | after the map |',
    ].join('\n');
    expect(mappedFolders(md)).toEqual(['server/graph', 'lib/api']);
  });

  it('lists every top-level folder of server/, components/ and lib/', () => {
    const mapped = new Set(mappedFolders(read(MAP)));
    const missing = treeFolders().filter((f) => !mapped.has(f));
    expect(missing, `folders missing from ${MAP}'s folder map: ${missing.join(', ')}`).toEqual([]);
  });

  it('lists no folder that no longer exists, and each folder once', () => {
    const mapped = mappedFolders(read(MAP));
    const present = new Set(treeFolders());
    const gone = mapped.filter((f) => !present.has(f));
    expect(gone, `${MAP}'s folder map names folders that do not exist: ${gone.join(', ')}`).toEqual([]);
    const twice = mapped.filter((f, i) => mapped.indexOf(f) !== i);
    expect(twice, `listed more than once: ${twice.join(', ')}`).toEqual([]);
  });

  it("each folder imports only the folders its row says it may import", () => {
    const allowed = mappedImports(read(MAP));
    const extra: string[] = [];
    for (const folder of treeFolders()) {
      const may = allowed.get(folder) ?? new Set();
      for (const [target, file] of actualImports(folder)) if (!may.has(target)) extra.push(`${file} imports ${target}`);
    }
    expect(extra, `imports that ${MAP}'s folder map does not allow (add them to the row, or remove the import): ${extra.join('; ')}`).toEqual([]);
  });

  it('the README links the map and nothing outside the repository', () => {
    const readme = read('README.md');
    expect(readme).toContain('](docs/architecture.md)');
    const outside = [...readme.matchAll(/\]\((\.\.\/[^)]*)\)/g)].map((m) => m[1]);
    expect(outside, `README.md links outside the repository: ${outside.join(', ')}`).toEqual([]);
  });
});
