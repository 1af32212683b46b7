import 'server-only';
import { finding, type Check } from '../types';

export const nsMultipleInjectionLabels: Check = {
  code: 'IST0123',
  name: 'NamespaceMultipleInjectionLabels',
  severity: 'warning',
  description: 'A namespace carries more than one of istio-injection=enabled, istio.io/rev and ambient mode.',
  run(ctx) {
    return ctx.items('Namespace').flatMap((ns) => {
      const l = ns.obj.metadata.labels ?? {};
      if (l['istio-injection'] === 'disabled') return [];
      const set = [l['istio-injection'] !== undefined && 'istio-injection', l['istio.io/rev'] !== undefined && 'istio.io/rev', l['istio.io/dataplane-mode'] === 'ambient' && 'istio.io/dataplane-mode=ambient'].filter(Boolean);
      if (set.length < 2) return [];
      return [finding(this, ns, 'metadata.labels', `The namespace has more than one type of injection labels (${set.join(', ')}). Remove all but one of them.`)];
    });
  },
};
