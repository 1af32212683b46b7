import 'server-only';
import { at, strMap } from '@/lib/mesh-rules/spec';
import { finding, type Check } from '../types';
import { selects } from '../workloads';

/** A namespace or workload PeerAuthentication STRICT covering pods without a sidecar: nothing enforces it. */
export const mtlsStrictNoSidecar: Check = {
  code: 'MRD0003',
  name: 'MtlsStrictNotEnforced',
  severity: 'warning',
  description: 'A PeerAuthentication sets STRICT on pods that run no sidecar, so they still accept plaintext.',
  run(ctx) {
    return ctx.items('PeerAuthentication').flatMap((pa) => {
      if (at(pa.obj.spec, 'mtls', 'mode') !== 'STRICT' || pa.namespace === ctx.rootNamespace) return [];
      const selector = strMap(at(pa.obj.spec, 'selector', 'matchLabels'));
      const bare = ctx
        .pods(pa.namespace ?? 'default', pa.cluster)
        .filter((p) => selects(selector, p.obj.metadata.labels) && !ctx.inMesh(p));
      if (bare.length === 0) return [];
      const names = bare.slice(0, 3).map((p) => p.name).join(', ') + (bare.length > 3 ? ', ...' : '');
      return [finding(this, pa, 'spec.mtls.mode', `STRICT applies to ${bare.length} pod(s) without a sidecar (${names}): they are not protected and still accept plaintext.`)];
    });
  },
};
