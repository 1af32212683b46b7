import 'server-only';
import { serviceFqdn } from '@/lib/mesh-rules/hosts';
import { finding, type Check } from '../types';

export const mcsImportWithoutExport: Check = {
  code: 'MRD0009',
  name: 'ServiceImportWithoutExport',
  severity: 'error',
  description: 'A ServiceImport has no ServiceExport of the same namespace/name in any cluster: its clusterset.local name leads nowhere.',
  run(ctx) {
    return ctx.mcsImports().flatMap((i) =>
      ctx.exportsOf(i.namespace ?? 'default', i.name).length > 0
        ? []
        : [finding(this, i, 'metadata.name', `ServiceImport ${i.namespace}/${i.name} has no ServiceExport in any cluster: ${serviceFqdn(i.name, i.namespace ?? 'default', 'clusterset')} has no backends.`)],
    );
  },
};
