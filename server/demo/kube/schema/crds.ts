import 'server-only';
import type { FieldType, Model } from './models';

// The custom resources the demo serves beside Istio and MCS, as their CRDs would install them:
// monitoring.coreos.com/v1 ServiceMonitor (Prometheus Operator), so that a rendered install with
// its ServiceMonitor is accepted whole, as on a cluster that runs the operator. The structure is
// the CRD's (prometheus-operator's API reference) for the fields a manifest sets: the spec and each
// endpoint are closed (an unknown field there is pruned or refused, as the CRD's structural schema
// does); nested settings (TLS, authorization, relabelings) are kept as they come.

const s = (t: 'string' | 'boolean' | 'intOrString' | 'any'): FieldType => ({ t });
const int: FieldType = { t: 'integer', bits: 64 };
const strings: FieldType = { t: 'array', items: s('string') };
const ref = (model: string): FieldType => ({ t: 'object', model });
const list = (model: string): FieldType => ({ t: 'array', items: ref(model) });

const model = (name: string, struct: string, fields: Record<string, FieldType>, open = false): Model => ({
  name,
  goType: `v1.${struct}`,
  struct,
  fields: new Map(Object.entries(fields)),
  ...(open ? { open } : {}),
});

/** A nested object the demo keeps as it comes. */
const OPEN = 'MonitoringV1Open';

export const SERVICE_MONITOR_MODELS: Model[] = [
  model('MonitoringV1ServiceMonitor', 'ServiceMonitor', {
    apiVersion: s('string'),
    kind: s('string'),
    metadata: ref('V1ObjectMeta'),
    spec: ref('MonitoringV1ServiceMonitorSpec'),
    status: ref(OPEN),
  }),
  model('MonitoringV1ServiceMonitorSpec', 'ServiceMonitorSpec', {
    jobLabel: s('string'),
    targetLabels: strings,
    podTargetLabels: strings,
    endpoints: list('MonitoringV1Endpoint'),
    selector: ref('V1LabelSelector'),
    selectorMechanism: s('string'),
    namespaceSelector: ref('MonitoringV1NamespaceSelector'),
    sampleLimit: int,
    targetLimit: int,
    labelLimit: int,
    labelNameLengthLimit: int,
    labelValueLengthLimit: int,
    keepDroppedTargets: int,
    nativeHistogramBucketLimit: int,
    nativeHistogramMinBucketFactor: s('any'),
    scrapeClassicHistograms: s('boolean'),
    convertClassicHistogramsToNHCB: s('boolean'),
    scrapeProtocols: strings,
    fallbackScrapeProtocol: s('string'),
    attachMetadata: ref(OPEN),
    scrapeClass: s('string'),
    bodySizeLimit: s('string'),
    serviceDiscoveryRole: s('string'),
  }),
  model('MonitoringV1NamespaceSelector', 'NamespaceSelector', { any: s('boolean'), matchNames: strings }),
  model('MonitoringV1Endpoint', 'Endpoint', {
    port: s('string'),
    portNumber: { t: 'integer', bits: 32 },
    targetPort: s('intOrString'),
    path: s('string'),
    scheme: s('string'),
    params: { t: 'map', values: strings },
    interval: s('string'),
    scrapeTimeout: s('string'),
    tlsConfig: ref(OPEN),
    bearerTokenFile: s('string'),
    bearerTokenSecret: ref(OPEN),
    authorization: ref(OPEN),
    honorLabels: s('boolean'),
    honorTimestamps: s('boolean'),
    trackTimestampsStaleness: s('boolean'),
    basicAuth: ref(OPEN),
    oauth2: ref(OPEN),
    metricRelabelings: list(OPEN),
    relabelings: list(OPEN),
    proxyUrl: s('string'),
    noProxy: s('string'),
    proxyFromEnvironment: s('boolean'),
    proxyConnectHeader: ref(OPEN),
    followRedirects: s('boolean'),
    enableHttp2: s('boolean'),
    filterRunning: s('boolean'),
  }),
  model(OPEN, 'Object', {}, true),
];

/** The client-node models the custom resources refer to. */
export const CRD_MODEL_ROOTS = ['V1ObjectMeta', 'V1LabelSelector'];
