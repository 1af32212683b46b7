import 'server-only';
import { DATAPLANE_MODE_LABEL, INJECTION_LABEL, REVISION_LABEL } from '@/lib/mesh-rules/injection';
import { finding, type Check } from '../types';

export const nsMultipleInjectionLabels: Check = {
  code: 'IST0123',
  name: 'NamespaceMultipleInjectionLabels',
  severity: 'warning',
  description: 'A namespace carries more than one of istio-injection=enabled, istio.io/rev and ambient mode.',
  run(ctx) {
    return ctx.items('Namespace').flatMap((ns) => {
      const l = ns.obj.metadata.labels ?? {};
      if (l[INJECTION_LABEL] === 'disabled') return [];
      const set = [l[INJECTION_LABEL] !== undefined && INJECTION_LABEL, l[REVISION_LABEL] !== undefined && REVISION_LABEL, l[DATAPLANE_MODE_LABEL] === 'ambient' && `${DATAPLANE_MODE_LABEL}=ambient`].filter(Boolean);
      if (set.length < 2) return [];
      return [finding(this, ns, 'metadata.labels', `The namespace has more than one type of injection labels (${set.join(', ')}). Remove all but one of them.`)];
    });
  },
};
