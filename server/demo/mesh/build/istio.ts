import 'server-only';
import type { DemoClusterName, KubeObject } from '../../types';
import { SEED_TIME } from '../ids';
import type { ServicePortSpec } from '../spec';

// Builders of configuration objects (Istio networking/security, MCS, ConfigMaps, Secrets).
// They return bare objects; seed.ts adds the deterministic uid and creation time.

export const ISTIO_NETWORKING = 'networking.istio.io/v1';
export const ISTIO_SECURITY = 'security.istio.io/v1';
export const MCS_API = 'multicluster.x-k8s.io/v1alpha1';

function bare(apiVersion: string, kind: string, namespace: string, name: string, body: Record<string, unknown>, meta: Partial<KubeObject['metadata']> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace, ...meta }, ...body };
}

export function virtualService(namespace: string, name: string, spec: Record<string, unknown>): KubeObject {
  return bare(ISTIO_NETWORKING, 'VirtualService', namespace, name, { spec });
}

export function destinationRule(namespace: string, name: string, spec: Record<string, unknown>): KubeObject {
  return bare(ISTIO_NETWORKING, 'DestinationRule', namespace, name, { spec });
}

export function gateway(namespace: string, name: string, spec: Record<string, unknown>): KubeObject {
  return bare(ISTIO_NETWORKING, 'Gateway', namespace, name, { spec });
}

export function peerAuthentication(namespace: string, name: string, mode: 'STRICT' | 'PERMISSIVE' | 'DISABLE'): KubeObject {
  return bare(ISTIO_SECURITY, 'PeerAuthentication', namespace, name, { spec: { mtls: { mode } } });
}

/** `subsets` of a DestinationRule selecting pods by their version label. */
export function versionSubsets(...versions: string[]): { name: string; labels: { version: string } }[] {
  return versions.map((v) => ({ name: v, labels: { version: v } }));
}

export function configMap(namespace: string, name: string, data: Record<string, string>, labels?: Record<string, string>): KubeObject {
  return bare('v1', 'ConfigMap', namespace, name, { data }, labels ? { labels } : {});
}

export function secret(
  namespace: string,
  name: string,
  stringData: Record<string, string>,
  meta: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): KubeObject {
  const data = Object.fromEntries(Object.entries(stringData).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));
  return bare('v1', 'Secret', namespace, name, { type: 'Opaque', data }, meta);
}

export function serviceExport(namespace: string, name: string): KubeObject {
  const condition = (type: string, status: string, reason: string) => ({ type, status, reason, lastTransitionTime: SEED_TIME });
  return bare(MCS_API, 'ServiceExport', namespace, name, {
    spec: {},
    status: { conditions: [condition('Valid', 'True', 'ServiceExportValid'), condition('Conflict', 'False', 'NoConflicts')] },
  });
}

/** A ServiceImport of type ClusterSetIP with the cluster-set VIP; status lists the exporting clusters. */
export function serviceImport(
  namespace: string,
  name: string,
  ports: readonly ServicePortSpec[],
  vip: string,
  exportedFrom: readonly DemoClusterName[],
): KubeObject {
  return bare(MCS_API, 'ServiceImport', namespace, name, {
    spec: {
      type: 'ClusterSetIP',
      ips: [vip],
      ports: ports.map((p) => ({ name: p.name, port: p.port, protocol: 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) })),
    },
    status: { clusters: exportedFrom.map((cluster) => ({ cluster })) },
  });
}
