import 'server-only';
import { servicePorts } from '@/lib/mesh-rules/service';
import { rec } from '@/lib/mesh-rules/spec';
import { finding, type Check, type Item } from '../types';

function shape(svc: Item): Record<string, string> {
  const spec = rec(svc.obj.spec);
  const out: Record<string, string> = {
    type: String(spec.type ?? 'ClusterIP'),
    headless: String(spec.clusterIP === 'None'),
  };
  for (const p of servicePorts(spec)) {
    out[`port ${p.port}`] = `${p.name ?? ''}/${p.protocol ?? 'TCP'}${p.appProtocol ? `/${p.appProtocol}` : ''}`;
  }
  return out;
}

/** Namespace sameness: a Service of one ns/name in several clusters is one service, so it must look the same everywhere. */
export const multiclusterService: Check = {
  code: 'IST0170',
  name: 'MultiClusterInconsistentService',
  severity: 'warning',
  description: 'A Service with the same namespace/name differs between clusters (type, headless, port names or protocols).',
  run(ctx) {
    const byName = new Map<string, Item[]>();
    for (const s of ctx.items('Service')) {
      if (!s.cluster) continue;
      const key = `${s.namespace}/${s.name}`;
      byName.set(key, [...(byName.get(key) ?? []), s]);
    }
    return [...byName.values()].flatMap((list) => {
      if (new Set(list.map((s) => s.cluster)).size < 2) return [];
      const shapes = list.map(shape);
      const keys = [...new Set(shapes.flatMap((s) => Object.keys(s)))].sort();
      const differing = keys.filter((k) => new Set(shapes.map((s) => s[k] ?? '(absent)')).size > 1);
      if (differing.length === 0) return [];
      return list.map((svc, i) => {
        const diffs = differing.map((k) => `${k}: ${shapes[i]?.[k] ?? '(absent)'}`).join('; ');
        const clusters = list.map((s) => s.cluster).join(', ');
        return finding(this, svc, 'spec', `The service ${svc.name} in namespace ${svc.namespace} is inconsistent across clusters [${clusters}], which can lead to undefined behavior. Here: ${diffs}.`);
      });
    });
  },
};
