import 'server-only';
import { readyEndpoints, SERVICE_NAME_LABEL } from '@/lib/mesh-rules/service';
import { rec, strMap } from '@/lib/mesh-rules/spec';
import { finding, type Check } from '../types';
import { selects } from '../workloads';

/** An exported Service whose exporting cluster has no ready endpoint for it. */
export const mcsExportNoEndpoints: Check = {
  code: 'MRD0010',
  name: 'ExportedServiceWithoutEndpoints',
  severity: 'warning',
  description: 'A Service is exported (ServiceExport) from a cluster where it has no ready endpoints.',
  run(ctx) {
    return ctx.mcsExports().flatMap((e) => {
      const svc = ctx.items('Service', e.cluster).find((s) => s.namespace === e.namespace && s.name === e.name);
      if (!svc) return [];
      const slices = ctx.items('EndpointSlice', e.cluster).filter((s) => s.namespace === e.namespace && s.obj.metadata.labels?.[SERVICE_NAME_LABEL] === e.name);
      const ready = slices.length > 0
        ? slices.some((s) => readyEndpoints(s.obj) > 0)
        : (() => {
            const sel = strMap(rec(svc.obj.spec).selector);
            if (!sel || Object.keys(sel).length === 0) return true; // endpoints managed by hand: unknown
            return ctx.pods(e.namespace ?? 'default', e.cluster).some((p) => selects(sel, p.obj.metadata.labels));
          })();
      return ready ? [] : [finding(this, e, 'metadata.name', `Service ${e.namespace}/${e.name} is exported${e.cluster ? ` from ${e.cluster}` : ''} but has no ready endpoints there: clusterset clients reaching this cluster get no answer.`)];
    });
  },
};
