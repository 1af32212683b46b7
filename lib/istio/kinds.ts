// The registry of the Istio (and MCS) kinds Meridian understands: API coordinates as served by the
// API server (plural, shortNames as in Istio's and the MCS API's CRDs) and the zod schema of each.
// Each entry has an `id`: the API kind where that is unique (VirtualService, ServiceExport of the
// upstream MCS API), `<Kind>.<group>` where two groups serve the same kind (ServiceExport.net.gke.io,
// GKE's MCS API, kubectl's own way to tell them apart). Inventory buckets, URLs, filters and findings
// name kinds by id; objects carry their API `kind` and `apiVersion` (istioKindOf finds the entry).
// `readOnly` kinds are read by the console but never written (GKE's ControlPlaneRevision: Google's).
import { type z } from 'zod';
import { AuthorizationPolicy } from './authorization-policy';
import { ControlPlaneRevision } from './control-plane-revision';
import { DestinationRule } from './destination-rule';
import { Gateway } from './gateway';
import { PeerAuthentication } from './peer-authentication';
import { RequestAuthentication } from './request-authentication';
import { ServiceEntry } from './service-entry';
import { GkeServiceExport, ServiceExport } from './service-export';
import { GkeServiceImport, ServiceImport } from './service-import';
import { Sidecar } from './sidecar';
import { VirtualService } from './virtual-service';
import { WorkloadEntry } from './workload-entry';

export const NETWORKING_GROUP = 'networking.istio.io';
export const SECURITY_GROUP = 'security.istio.io';
export const MCS_GROUP = 'multicluster.x-k8s.io';
/** GKE's multi-cluster services (the MCS controller of a GKE fleet). */
export const GKE_MCS_GROUP = 'net.gke.io';
/** Cloud Service Mesh's managed control plane (ControlPlaneRevision). */
export const MESH_CLOUD_GROUP = 'mesh.cloud.google.com';

function kindInfo<const G extends string, const V extends string, const K extends string, S extends z.ZodType, const I extends string = K>(
  group: G,
  version: V,
  kind: K,
  plural: string,
  shortNames: readonly string[],
  schema: S,
  opts: { id?: I; readOnly?: boolean } = {},
) {
  return {
    id: (opts.id ?? kind) as I,
    readOnly: opts.readOnly ?? false,
    group,
    version,
    apiVersion: `${group}/${version}` as `${G}/${V}`,
    kind,
    plural,
    singular: kind.toLowerCase(),
    shortNames,
    namespaced: true as const,
    schema,
  };
}

export const ISTIO_KINDS = {
  VirtualService: kindInfo(NETWORKING_GROUP, 'v1', 'VirtualService', 'virtualservices', ['vs'], VirtualService),
  DestinationRule: kindInfo(NETWORKING_GROUP, 'v1', 'DestinationRule', 'destinationrules', ['dr'], DestinationRule),
  Gateway: kindInfo(NETWORKING_GROUP, 'v1', 'Gateway', 'gateways', ['gw'], Gateway),
  ServiceEntry: kindInfo(NETWORKING_GROUP, 'v1', 'ServiceEntry', 'serviceentries', ['se'], ServiceEntry),
  Sidecar: kindInfo(NETWORKING_GROUP, 'v1', 'Sidecar', 'sidecars', [], Sidecar),
  WorkloadEntry: kindInfo(NETWORKING_GROUP, 'v1', 'WorkloadEntry', 'workloadentries', ['we'], WorkloadEntry),
  PeerAuthentication: kindInfo(SECURITY_GROUP, 'v1', 'PeerAuthentication', 'peerauthentications', ['pa'], PeerAuthentication),
  AuthorizationPolicy: kindInfo(SECURITY_GROUP, 'v1', 'AuthorizationPolicy', 'authorizationpolicies', ['ap'], AuthorizationPolicy),
  RequestAuthentication: kindInfo(SECURITY_GROUP, 'v1', 'RequestAuthentication', 'requestauthentications', ['ra'], RequestAuthentication),
  ServiceExport: kindInfo(MCS_GROUP, 'v1alpha1', 'ServiceExport', 'serviceexports', ['svcex'], ServiceExport),
  ServiceImport: kindInfo(MCS_GROUP, 'v1alpha1', 'ServiceImport', 'serviceimports', ['svcim'], ServiceImport),
  'ServiceExport.net.gke.io': kindInfo(GKE_MCS_GROUP, 'v1', 'ServiceExport', 'serviceexports', [], GkeServiceExport, { id: 'ServiceExport.net.gke.io' }),
  'ServiceImport.net.gke.io': kindInfo(GKE_MCS_GROUP, 'v1', 'ServiceImport', 'serviceimports', [], GkeServiceImport, { id: 'ServiceImport.net.gke.io' }),
  ControlPlaneRevision: kindInfo(MESH_CLOUD_GROUP, 'v1beta1', 'ControlPlaneRevision', 'controlplanerevisions', [], ControlPlaneRevision, { readOnly: true }),
} as const;

export type IstioKindName = keyof typeof ISTIO_KINDS;
export type IstioKind = (typeof ISTIO_KINDS)[IstioKindName];
/** Any object of a registered kind, as its schema parses it. */
export type IstioObject = z.infer<IstioKind['schema']>;

export const ISTIO_KIND_LIST: readonly IstioKind[] = Object.values(ISTIO_KINDS);
/** The kinds the console may write (Istio config pages, the apply operation). */
export const WRITABLE_KIND_LIST: readonly IstioKind[] = ISTIO_KIND_LIST.filter((k) => !k.readOnly);

/** Whether `id` names a registered kind (an id: `VirtualService`, `ServiceExport.net.gke.io`). */
export function isIstioKindName(id: string): id is IstioKindName {
  return Object.prototype.hasOwnProperty.call(ISTIO_KINDS, id);
}

export function istioKindByApiVersionKind(apiVersion: string, kind: string): IstioKind | undefined {
  return ISTIO_KIND_LIST.find((k) => k.apiVersion === apiVersion && k.kind === kind);
}

/** The registered kind of an object (by its apiVersion and kind), if any. */
export function istioKindOf(obj: { apiVersion?: unknown; kind?: unknown }): IstioKind | undefined {
  return typeof obj.apiVersion === 'string' && typeof obj.kind === 'string' ? istioKindByApiVersionKind(obj.apiVersion, obj.kind) : undefined;
}

export function istioKindByPlural(group: string, plural: string): IstioKind | undefined {
  return ISTIO_KIND_LIST.find((k) => k.group === group && k.plural === plural);
}
