import 'server-only';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Graph } from '@/lib/graph/types';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'appenders', '__golden__');

/**
 * Compares `value` with __golden__/<name>.json. With UPDATE_GOLDEN=1 the file is (re)written
 * instead; goldens are then reviewed by hand before being committed.
 */
export function expectGolden(name: string, value: unknown): void {
  const file = join(GOLDEN_DIR, `${name}.json`);
  const json = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`missing golden ${file}: run with UPDATE_GOLDEN=1 and review it`);
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, json);
    return;
  }
  expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}

/** The graph with nodes, edges and boxes sorted by id (buildGraph keeps input order). */
export function sorted(g: Graph): Graph {
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { ...g, nodes: [...g.nodes].sort(byId), edges: [...g.edges].sort(byId), boxes: [...g.boxes].sort(byId) };
}

/** `{ id: pick(item) }` for the items where pick returns something. */
export function byId<T extends { id: string }, V>(items: readonly T[], pick: (item: T) => V | undefined): Record<string, V> {
  const out: Record<string, V> = {};
  for (const i of [...items].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const v = pick(i);
    if (v !== undefined) out[i.id] = v;
  }
  return out;
}
