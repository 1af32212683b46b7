import 'server-only';
import { gatewayHost, hostsIntersect } from '@/lib/mesh-rules/hosts';
import { gatewaySelector } from '../gateways';
import { arr, at, num, rec, strs } from '@/lib/mesh-rules/spec';
import { finding, type Check, type Item, type RawFinding } from '../types';
import { selectorString } from '../workloads';

interface Listener {
  gw: Item;
  port: number;
  hosts: string[];
}

function listeners(gw: Item): Listener[] {
  return arr(rec(gw.obj.spec).servers).flatMap((s) => {
    const port = num(at(s, 'port', 'number'));
    if (port === undefined) return [];
    const hosts = strs(at(s, 'hosts')).map((h) => gatewayHost(h, gw.namespace ?? 'default')[1]);
    return [{ gw, port, hosts }];
  });
}

/** Gateways of one cluster on the same workload selector with the same port and overlapping hosts. */
export const gatewayConflict: Check = {
  code: 'IST0145',
  name: 'ConflictingGateways',
  severity: 'error',
  description: 'Two Gateways select the same workload and claim the same port for overlapping hosts.',
  run(ctx) {
    const out: RawFinding[] = [];
    const bySelector = new Map<string, Item[]>();
    for (const gw of ctx.items('Gateway')) {
      const key = `${gw.cluster}|${selectorString(gatewaySelector(gw))}`;
      bySelector.set(key, [...(bySelector.get(key) ?? []), gw]);
    }
    for (const [key, gws] of bySelector) {
      if (gws.length < 2) continue;
      const all = gws.flatMap(listeners);
      for (const gw of gws) {
        const conflicts = new Map<number, { names: Set<string>; hosts: Set<string> }>();
        for (const mine of all.filter((l) => l.gw === gw)) {
          for (const other of all.filter((l) => l.gw !== gw && l.port === mine.port)) {
            const shared = mine.hosts.filter((h) => other.hosts.some((o) => hostsIntersect(h, o)));
            if (shared.length === 0) continue;
            const c = conflicts.get(mine.port) ?? { names: new Set(), hosts: new Set() };
            c.names.add(`${other.gw.namespace}/${other.gw.name}`);
            shared.forEach((h) => c.hosts.add(h));
            conflicts.set(mine.port, c);
          }
        }
        for (const [port, c] of conflicts) {
          out.push(finding(this, gw, 'spec.servers', `Conflict with gateways ${[...c.names].join(',')} (workload selector ${key.split('|')[1]}, port ${port}, hosts ${[...c.hosts].join(',')}).`));
        }
      }
    }
    return out;
  },
};
