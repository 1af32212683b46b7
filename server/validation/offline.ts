import 'server-only';
import { emptyObjects, inventoryKindOf, type ClusterSnapshot, type InventorySnapshot, type K8sObject } from '@/lib/inventory/types';
import { lineOfPath, parseYaml, YamlSyntaxError, type YamlObject } from '@/lib/validation/yaml-source';
import type { LineCounter } from 'yaml';
import type { Locate } from './index';

// Offline input: YAML texts (files, a POST body) -> a snapshot of one or several clusters, and a
// `locate` that maps an object and a field path back to its file and line.

export interface YamlInput {
  text: string;
  /** File name, for messages and findings. */
  file?: string;
  /** Cluster the objects belong to; '' or absent for input without clusters. */
  cluster?: string;
}

export interface OfflineSnapshot {
  snapshot: InventorySnapshot;
  /** Objects of kinds the inventory does not hold (ServiceAccount, ConfigMap, Node, ...), per cluster. */
  extra: Record<string, K8sObject[]>;
  locate: Locate;
  /** Documents that are not Kubernetes objects (no kind or metadata.name), as "file:line". */
  skipped: string[];
}

interface Origin {
  source: YamlObject;
  lineCounter: LineCounter;
  file?: string;
}

function isObject(v: unknown): v is K8sObject {
  const o = v as K8sObject | undefined;
  return !!o && typeof o === 'object' && typeof o.kind === 'string' && typeof o.metadata?.name === 'string';
}

/** Reads every input into one snapshot; throws YamlSyntaxError (message prefixed with the file) on malformed YAML. */
export function snapshotFromYaml(inputs: readonly YamlInput[]): OfflineSnapshot {
  const clusters = new Map<string, ClusterSnapshot>();
  const extra: Record<string, K8sObject[]> = {};
  const origins = new WeakMap<K8sObject, Origin>();
  const skipped: string[] = [];
  for (const input of inputs) {
    const cluster = input.cluster ?? '';
    let parsed;
    try {
      parsed = parseYaml(input.text);
    } catch (err) {
      if (err instanceof YamlSyntaxError && input.file) throw new YamlSyntaxError(`${input.file}: ${err.message.replace(/^line \d+: /, '')}`, err.line);
      throw err;
    }
    const snap = clusters.get(cluster) ?? { cluster, state: 'synced' as const, objects: emptyObjects() };
    clusters.set(cluster, snap);
    for (const source of parsed.objects) {
      const value = source.value as { kind?: unknown; items?: unknown };
      const list = value?.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
      for (const obj of list) {
        if (!isObject(obj)) {
          skipped.push(`${input.file ?? '(input)'}:${source.line}`);
          continue;
        }
        origins.set(obj, { source, lineCounter: parsed.lineCounter, ...(input.file ? { file: input.file } : {}) });
        const kind = inventoryKindOf(obj);
        if (kind) snap.objects[kind].push(obj);
        else (extra[cluster] ??= []).push(obj);
      }
    }
  }
  const locate: Locate = (obj, path) => {
    const o = origins.get(obj);
    if (!o) return undefined;
    // Items of a List share the document: their paths are relative to the item, so point at the document.
    const own = o.source.value === obj;
    return { line: own ? lineOfPath(o.source, path, o.lineCounter) : o.source.line, ...(o.file ? { file: o.file } : {}) };
  };
  return { snapshot: { clusters: [...clusters.values()] }, extra, locate, skipped };
}
