import 'server-only';
import type { KubeObject } from '../types';
import type { ResourceDef } from './resources';
import { columnsOf } from './columns';

// meta.k8s.io/v1 Table responses, which `kubectl get` asks for: the server decides the columns
// (Name, the kind's printer columns, Age) and kubectl prints the cells as they are.

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function includeObjectOf(value: string | undefined): IncludeObject {
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

/** `duration.HumanDuration` of Kubernetes: 45s, 5m30s, 3h, 2d5h, 1y30d. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  const pair = (a: number, ua: string, b: number, ub: string) => (b === 0 ? `${a}${ua}` : `${a}${ua}${b}${ub}`);
  if (minutes < 10) return pair(minutes, 'm', seconds % 60, 's');
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return pair(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return pair(Math.floor(hours / 24), 'd', hours % 24, 'h');
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const years = Math.floor(hours / (24 * 365));
  if (hours < 24 * 365 * 8) return pair(years, 'y', Math.floor(hours / 24) % 365, 'd');
  return `${years}y`;
}

export function age(obj: KubeObject, now = Date.now()): string {
  const created = Date.parse(obj.metadata.creationTimestamp ?? '');
  return Number.isNaN(created) ? '<unknown>' : humanDuration(now - created);
}

function rowObject(obj: KubeObject, include: IncludeObject): unknown {
  if (include === 'Object') return obj;
  if (include === 'None') return undefined;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

export interface TableOptions {
  include: IncludeObject;
  resourceVersion: string;
  continueToken?: string;
  /** Leave out the column definitions (watch events after the first). */
  noHeaders?: boolean;
}

export function toTable(def: ResourceDef, objects: KubeObject[], opts: TableOptions) {
  const columns = columnsOf(def);
  const now = Date.now();
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {
      resourceVersion: opts.resourceVersion,
      ...(opts.continueToken ? { continue: opts.continueToken } : {}),
    },
    columnDefinitions: opts.noHeaders
      ? []
      : columns.map((c) => ({ name: c.name, type: c.type ?? 'string', format: c.format ?? '', description: c.description ?? c.name, priority: c.priority ?? 0 })),
    rows: objects.map((obj) => {
      const object = rowObject(obj, opts.include);
      return {
        cells: columns.map((c) => (c.name === 'Age' ? age(obj, now) : c.value(obj))),
        ...(object !== undefined ? { object } : {}),
      };
    }),
  };
}
