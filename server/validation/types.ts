import 'server-only';
import type { K8sObject } from '@/lib/inventory/types';
import type { Finding, Severity } from '@/lib/validation/types';
import type { Ctx } from './context';

/** One object of the snapshot with where it lives. `cluster` is '' for offline input without a cluster. */
export interface Item {
  cluster: string;
  kind: string;
  namespace?: string;
  name: string;
  obj: K8sObject;
}

/** A finding before it is located in its source text: it still knows its object. */
export interface RawFinding extends Finding {
  item: Item;
}

/** One check: istioctl's code and name where istioctl has the same check, Meridian's MRDxxxx otherwise. */
export interface Check {
  code: string;
  name: string;
  severity: Severity;
  /** What it looks for, one sentence (shown by `npm run analyze -- --list`). */
  description: string;
  run(ctx: Ctx): RawFinding[];
}

/** A finding of `check` on `item` at field `path`. */
export function finding(check: Pick<Check, 'code' | 'name' | 'severity'>, item: Item, path: string | undefined, message: string): RawFinding {
  return {
    code: check.code,
    name: check.name,
    severity: check.severity,
    ...(item.cluster ? { cluster: item.cluster } : {}),
    kind: item.kind,
    ...(item.namespace !== undefined ? { namespace: item.namespace } : {}),
    objectName: item.name,
    ...(path ? { path } : {}),
    message,
    item,
  };
}
