import 'server-only';
import { finding, type Check } from '../types';

export const mcsExportWithoutService: Check = {
  code: 'MRD0008',
  name: 'ServiceExportWithoutService',
  severity: 'error',
  description: 'A ServiceExport has no Service of the same namespace/name in its cluster, so nothing is exported.',
  run(ctx) {
    return ctx.mcsExports().flatMap((e) => {
      const exists = ctx.items('Service', e.cluster).some((s) => s.namespace === e.namespace && s.name === e.name);
      return exists ? [] : [finding(this, e, 'metadata.name', `ServiceExport ${e.namespace}/${e.name} exports nothing: there is no Service ${e.namespace}/${e.name}${e.cluster ? ` in ${e.cluster}` : ''}.`)];
    });
  },
};
