import 'server-only';
import { authzNamespace } from './checks/authz-namespace';
import { authzNoWorkloads } from './checks/authz-no-workloads';
import { authzServiceAccount } from './checks/authz-service-account';
import { deploymentConflictingPorts } from './checks/deployment-conflicting-ports';
import { deploymentMultiService } from './checks/deployment-multi-service';
import { drMultipleForHost } from './checks/dr-multiple-for-host';
import { drSubsetNoPods } from './checks/dr-subset-no-pods';
import { drUnknownHost } from './checks/dr-unknown-host';
import { gatewayConflict } from './checks/gateway-conflict';
import { gatewayPort } from './checks/gateway-port';
import { gatewayWorkload } from './checks/gateway-workload';
import { mcsDerivedNoEndpoints } from './checks/mcs-derived-no-endpoints';
import { mcsExportNoEndpoints } from './checks/mcs-export-no-endpoints';
import { mcsExportWithoutService } from './checks/mcs-export-without-service';
import { mcsImportWithoutExport } from './checks/mcs-import-without-export';
import { mcsNamespaceMissing } from './checks/mcs-namespace-missing';
import { mtlsDisabledMutual } from './checks/mtls-disabled-mutual';
import { mtlsStrictNoSidecar } from './checks/mtls-strict-no-sidecar';
import { mtlsStrictPlaintext } from './checks/mtls-strict-plaintext';
import { multiclusterService } from './checks/multicluster-service';
import { nsMultipleInjectionLabels } from './checks/ns-multiple-injection-labels';
import { nsNotInjected } from './checks/ns-not-injected';
import { nsUnknownRevision } from './checks/ns-unknown-revision';
import { podMissingProxy } from './checks/pod-missing-proxy';
import { portName } from './checks/port-name';
import { schema } from './checks/schema';
import { serviceEntryProtocol } from './checks/serviceentry-protocol';
import { sidecarAmbient } from './checks/sidecar-ambient';
import { sidecarConflictingSelectors } from './checks/sidecar-conflicting-selectors';
import { sidecarMultipleDefaults } from './checks/sidecar-default-selector';
import { sidecarSelectorNotFound } from './checks/sidecar-selector';
import { vsDestinationHost } from './checks/vs-destination-host';
import { vsGateway } from './checks/vs-gateway';
import { vsGatewayHostConflict } from './checks/vs-gateway-host-conflict';
import { vsHostInGateway } from './checks/vs-host-in-gateway';
import { vsIneffectiveMatch } from './checks/vs-ineffective-match';
import { vsInternalGateway } from './checks/vs-internal-gateway';
import { vsMeshHostConflict } from './checks/vs-mesh-host-conflict';
import { vsPortSelectorRequired } from './checks/vs-port-selector';
import { vsSubset } from './checks/vs-subset';
import { vsUnreachableRule } from './checks/vs-unreachable-rule';
import { vsWeights } from './checks/vs-weights';
import type { Check } from './types';

/**
 * Every check, grouped by the object they look at. The order does not change the result (checks are
 * independent and findings are sorted afterwards); it is the order `npm run analyze -- --list` prints.
 */
export const CHECKS: readonly Check[] = [
  // Schema first: the other checks read objects defensively, this one says what is malformed.
  schema,
  // VirtualService
  vsDestinationHost,
  vsPortSelectorRequired,
  vsSubset,
  vsGateway,
  vsInternalGateway,
  vsHostInGateway,
  vsMeshHostConflict,
  vsGatewayHostConflict,
  vsUnreachableRule,
  vsIneffectiveMatch,
  vsWeights,
  // DestinationRule
  drUnknownHost,
  drSubsetNoPods,
  drMultipleForHost,
  // mTLS (PeerAuthentication x DestinationRule)
  mtlsStrictPlaintext,
  mtlsDisabledMutual,
  mtlsStrictNoSidecar,
  // Gateway
  gatewayWorkload,
  gatewayPort,
  gatewayConflict,
  // Sidecar
  sidecarSelectorNotFound,
  sidecarConflictingSelectors,
  sidecarMultipleDefaults,
  sidecarAmbient,
  // AuthorizationPolicy
  authzNoWorkloads,
  authzNamespace,
  authzServiceAccount,
  // Namespaces, pods, services, deployments
  nsNotInjected,
  nsMultipleInjectionLabels,
  nsUnknownRevision,
  podMissingProxy,
  portName,
  deploymentMultiService,
  deploymentConflictingPorts,
  multiclusterService,
  serviceEntryProtocol,
  // Multi-cluster services (MCS)
  mcsExportWithoutService,
  mcsImportWithoutExport,
  mcsExportNoEndpoints,
  mcsDerivedNoEndpoints,
  mcsNamespaceMissing,
];
