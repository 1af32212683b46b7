// The registry of the Istio (and MCS) kinds Meridian understands: API coordinates as served by the
// API server (plural, shortNames as in Istio's and the MCS API's CRDs) and the zod schema of each.
import { type z } from 'zod';
import { AuthorizationPolicy } from './authorization-policy';
import { DestinationRule } from './destination-rule';
import { Gateway } from './gateway';
import { PeerAuthentication } from './peer-authentication';
import { RequestAuthentication } from './request-authentication';
import { ServiceEntry } from './service-entry';
import { ServiceExport } from './service-export';
import { ServiceImport } from './service-import';
import { Sidecar } from './sidecar';
import { VirtualService } from './virtual-service';
import { WorkloadEntry } from './workload-entry';

export const NETWORKING_GROUP = 'networking.istio.io';
export const SECURITY_GROUP = 'security.istio.io';
export const MCS_GROUP = 'multicluster.x-k8s.io';

function kindInfo<const G extends string, const V extends string, const K extends string, S extends z.ZodType>(
  group: G,
  version: V,
  kind: K,
  plural: string,
  shortNames: readonly string[],
  schema: S,
) {
  return {
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
} as const;

export type IstioKindName = keyof typeof ISTIO_KINDS;
export type IstioKind = (typeof ISTIO_KINDS)[IstioKindName];
/** Any object of a registered kind, as its schema parses it. */
export type IstioObject = z.infer<IstioKind['schema']>;

export const ISTIO_KIND_LIST: readonly IstioKind[] = Object.values(ISTIO_KINDS);

export function isIstioKindName(kind: string): kind is IstioKindName {
  return Object.prototype.hasOwnProperty.call(ISTIO_KINDS, kind);
}

export function istioKindByApiVersionKind(apiVersion: string, kind: string): IstioKind | undefined {
  if (!isIstioKindName(kind)) return undefined;
  const info = ISTIO_KINDS[kind];
  return info.apiVersion === apiVersion ? info : undefined;
}

export function istioKindByPlural(group: string, plural: string): IstioKind | undefined {
  return ISTIO_KIND_LIST.find((k) => k.group === group && k.plural === plural);
}
