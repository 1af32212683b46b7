import 'server-only';
import { effectivePeer, tlsTargets } from '../mtls';
import { hasProxy } from '@/lib/mesh-rules/proxy';
import { finding, type Check } from '../types';

/** Clients told to send Istio mTLS to workloads that cannot terminate it (mTLS DISABLE, or no sidecar). */
export const mtlsDisabledMutual: Check = {
  code: 'MRD0002',
  name: 'MtlsMutualToPlaintextWorkload',
  severity: 'error',
  description: 'A DestinationRule sends ISTIO_MUTUAL to workloads whose PeerAuthentication is DISABLE or that run no sidecar.',
  run(ctx) {
    return ctx.items('DestinationRule').flatMap((dr) =>
      tlsTargets(ctx, dr).flatMap(({ tls: t, pods }) => {
        if (t.mode !== 'ISTIO_MUTUAL') return [];
        for (const p of pods) {
          const where = p.cluster ? ` in ${p.cluster}` : '';
          if (!hasProxy(p.obj) && !ctx.inMesh(p)) {
            return [finding(this, dr, t.path, `tls mode ISTIO_MUTUAL, but pod ${p.namespace}/${p.name}${where} runs no sidecar and cannot terminate Istio mTLS.`)];
          }
          const peer = effectivePeer(ctx, p);
          if (peer.mode === 'DISABLE') {
            const by = peer.policy ? `PeerAuthentication ${peer.policy.namespace}/${peer.policy.name}` : 'the mesh';
            return [finding(this, dr, t.path, `tls mode ISTIO_MUTUAL, but ${by} disables mTLS on pod ${p.namespace}/${p.name}${where}: requests will fail.`)];
          }
        }
        return [];
      }),
    );
  },
};
