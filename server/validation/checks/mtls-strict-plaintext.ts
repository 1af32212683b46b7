import 'server-only';
import { effectivePeer, tlsTargets } from '../mtls';
import { finding, type Check } from '../types';

/** Clients told to send plaintext (or their own TLS) to workloads that only accept Istio mTLS: every request fails. */
export const mtlsStrictPlaintext: Check = {
  code: 'MRD0001',
  name: 'MtlsStrictWithPlaintextClient',
  severity: 'error',
  description: 'A DestinationRule sends plaintext (tls DISABLE, SIMPLE or MUTUAL) to workloads whose PeerAuthentication is STRICT.',
  run(ctx) {
    return ctx.items('DestinationRule').flatMap((dr) =>
      tlsTargets(ctx, dr).flatMap(({ tls: t, pods }) => {
        if (!['DISABLE', 'SIMPLE', 'MUTUAL'].includes(t.mode)) return [];
        const strict = pods
          .map((p) => ({ p, peer: effectivePeer(ctx, p) }))
          .find((x) => x.peer.mode === 'STRICT' && ctx.inMesh(x.p));
        if (!strict) return [];
        const by = strict.peer.policy ? `PeerAuthentication ${strict.peer.policy.namespace}/${strict.peer.policy.name}` : 'the mesh default';
        const where = strict.p.cluster ? ` in ${strict.p.cluster}` : '';
        return [finding(this, dr, t.path, `tls mode ${t.mode} sends no Istio mTLS, but ${by} makes pod ${strict.p.namespace}/${strict.p.name}${where} accept only mTLS (STRICT): requests will fail.`)];
      }),
    );
  },
};
