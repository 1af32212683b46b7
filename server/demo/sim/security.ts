import 'server-only';
import type { KubeObject } from '../types';
import { asLabels, asString, byAge, field, type Labels } from './objects';
import type { IstioConfig } from './topology';

// Peer authentication and the resulting connection security of a hop.
// The destination's mode comes from its cluster's PeerAuthentications: a workload-selector policy in
// its namespace, else the namespace-wide one, else the mesh-wide one in the root namespace
// (istio-system), else PERMISSIVE; UNSET inherits from the next level.
// The client (its sidecar, with Istio's auto mTLS) sends mTLS when the destination has a sidecar, the
// destination's mode is not DISABLE and no DestinationRule sets tls.mode DISABLE or SIMPLE.
// A STRICT destination refuses plaintext: a client with a sidecar sees the connection fail (503, UF);
// a client without one has its connection reset before any request, so nobody reports a request.

export const ROOT_NAMESPACE = 'istio-system';
export type PeerMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

function modeOf(pa: KubeObject | undefined): PeerMode | undefined {
  const mode = asString(field(pa, 'spec', 'mtls', 'mode'));
  return mode === 'STRICT' || mode === 'PERMISSIVE' || mode === 'DISABLE' ? mode : undefined;
}

const hasSelector = (pa: KubeObject) => Object.keys(asLabels(field(pa, 'spec', 'selector', 'matchLabels'))).length > 0;

export function peerAuthMode(cfg: IstioConfig | undefined, namespace: string, podLabels: Labels): PeerMode {
  const all = [...(cfg?.peerAuthentications ?? [])].sort(byAge);
  const inNs = (ns: string) => all.filter((pa) => (pa.metadata.namespace ?? 'default') === ns);
  const workload = inNs(namespace).find(
    (pa) => hasSelector(pa) && Object.entries(asLabels(field(pa, 'spec', 'selector', 'matchLabels'))).every(([k, v]) => podLabels[k] === v),
  );
  const namespaceWide = inNs(namespace).find((pa) => !hasSelector(pa));
  const meshWide = inNs(ROOT_NAMESPACE).find((pa) => !hasSelector(pa));
  return modeOf(workload) ?? modeOf(namespaceWide) ?? modeOf(meshWide) ?? 'PERMISSIVE';
}

export interface ConnectionSecurity {
  policy: 'mutual_tls' | 'none';
  /** The destination refuses the connection (STRICT and plaintext). */
  refused: boolean;
}

export function connectionSecurity(opts: {
  sourceInjected: boolean;
  destinationInjected: boolean;
  destinationMode: PeerMode;
  drTlsMode: string | undefined;
}): ConnectionSecurity {
  if (!opts.destinationInjected) return { policy: 'none', refused: false };
  const clientMtls =
    opts.sourceInjected && opts.destinationMode !== 'DISABLE' && opts.drTlsMode !== 'DISABLE' && opts.drTlsMode !== 'SIMPLE';
  return { policy: clientMtls ? 'mutual_tls' : 'none', refused: opts.destinationMode === 'STRICT' && !clientMtls };
}

export const principal = (namespace: string, serviceAccount: string) =>
  `spiffe://cluster.local/ns/${namespace}/sa/${serviceAccount}`;
