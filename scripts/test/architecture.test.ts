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

  it('the README links the map and nothing outside the repository', () => {
    const readme = read('README.md');
    expect(readme).toContain('](docs/architecture.md)');
    const outside = [...readme.matchAll(/\]\((\.\.\/[^)]*)\)/g)].map((m) => m[1]);
    expect(outside, `README.md links outside the repository: ${outside.join(', ')}`).toEqual([]);
  });
});
