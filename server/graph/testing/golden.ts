import 'server-only';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { graphSchema, type Graph } from '@/lib/graph/types';
import { APPENDERS } from '../appenders';
import { runAppenders } from '../build';
import type { Appender, BuildGraphInput } from '../types';

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

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What changed from `before` to `after`: changed leaves with their new value, null for a removed key; undefined = equal. */
function diff(before: Json | undefined, after: Json | undefined): Json | undefined {
  if (isObject(before) && isObject(after)) {
    const out: Record<string, Json> = {};
    for (const k of Object.keys(after)) {
      const d = diff(before[k], after[k]);
      if (d !== undefined) out[k] = d;
    }
    for (const k of Object.keys(before)) if (!(k in after)) out[k] = null;
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return undefined;
  return after === undefined ? null : after;
}

/** Nodes, edges or boxes: by id, those the appender added (whole), changed (only what changed) or removed. */
function diffById(before: readonly { id: string }[], after: readonly { id: string }[]) {
  const old = new Map(before.map((x) => [x.id, x as unknown as Json]));
  const now = new Map(after.map((x) => [x.id, x as unknown as Json]));
  const added: Record<string, Json> = {};
  const changed: Record<string, Json> = {};
  for (const id of [...now.keys()].sort()) {
    if (!old.has(id)) added[id] = now.get(id)!;
    else {
      const d = diff(old.get(id), now.get(id));
      if (d !== undefined) changed[id] = d;
    }
  }
  const removed = [...old.keys()].filter((id) => !now.has(id)).sort();
  const out: Record<string, Json> = {};
  if (Object.keys(added).length > 0) out.added = added;
  if (Object.keys(changed).length > 0) out.changed = changed;
  if (removed.length > 0) out.removed = removed;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * What `appender` contributes to the graph of `input` in the real pipeline: the appenders before it
 * in APPENDERS run first, then the graph before and after it are compared. Only the appender's own
 * aspect is in the result, so a change of another appender does not show up in its golden.
 */
export function appenderDelta(input: BuildGraphInput, appender: Appender): Record<string, Json> {
  const at = APPENDERS.indexOf(appender);
  if (at < 0) throw new Error(`appender ${appender.name} is not in APPENDERS`);
  const json = (g: Graph) => JSON.parse(JSON.stringify(g)) as Graph;
  const before = json(runAppenders(input, APPENDERS.slice(0, at)));
  const after = runAppenders(input, APPENDERS.slice(0, at + 1));
  expect(graphSchema.parse(after)).toEqual(after);
  const now = json(after);
  const out: Record<string, Json> = {};
  for (const key of ['nodes', 'edges', 'boxes'] as const) {
    const d = diffById(before[key], now[key]);
    if (d) out[key] = d;
  }
  for (const key of ['clusters', 'warnings', 'empty'] as const) {
    if (diff(before[key] as unknown as Json, now[key] as unknown as Json) !== undefined) out[key] = now[key] as unknown as Json;
  }
  return out;
}

/**
 * The golden of one appender: __golden__/<appender-name>.json holds, per named case, what the
 * appender added to or changed in the graph (appenderDelta). UPDATE_GOLDEN=1 rewrites it.
 */
export function expectAppenderGolden(appender: Appender, cases: Record<string, BuildGraphInput>): void {
  const at = APPENDERS.indexOf(appender);
  const file = appender.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  expectGolden(file, {
    appender: appender.name,
    runsAfter: APPENDERS.slice(0, at).map((a) => a.name),
    cases: Object.fromEntries(Object.entries(cases).map(([name, input]) => [name, appenderDelta(input, appender)])),
  });
}
