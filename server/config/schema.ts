import 'server-only';
import { z } from 'zod';
import { DEFAULT_THRESHOLDS } from '@/lib/health';
import { dnsName } from '@/lib/names';

const url = z.url({ message: 'must be an http(s) URL' });

const prometheusSchema = z.strictObject({
  url,
  /** Label that carries the cluster name in a global (Thanos/Mimir) Prometheus. */
  clusterLabel: z.string().min(1).default('cluster'),
  /** Seconds before a query is abandoned. */
  timeoutSeconds: z.number().positive().max(120).default(10),
});

const clusterSchema = z.strictObject({
  name: dnsName,
  /** kubeconfig context that reaches this cluster (default: the cluster name). */
  context: z.string().min(1).optional(),
  /** kubeconfig file for this cluster (default: KUBECONFIG or ~/.kube/config). */
  kubeconfig: z.string().min(1).optional(),
  prometheus: prometheusSchema.optional(),
  istiod: z.strictObject({ url }).optional(),
});

/**
 * How the console judges a cluster's telemetry (server/telemetry). A mesh target is a Prometheus
 * scrape target of the proxies: its `label` (default `job`) fully matches `pattern`, a regular
 * expression anchored as PromQL's `=~` anchors it. The default covers Istio's own setups: the
 * Prometheus Operator PodMonitor (`<namespace>/envoy-stats-monitor`, or `envoy-stats`), the sample
 * add-on's `kubernetes-pods` (proxies' merged metrics), older `istio-mesh`, and `mesh` or `mesh-*`
 * (the demo mesh's per-cluster jobs).
 */
export const DEFAULT_MESH_TARGET_PATTERN = '(.+/)?envoy-stats(-monitor)?|istio-mesh|kubernetes-pods(-istio-secure)?|mesh(-.+)?';

const regex = z.string().min(1).max(1000).refine(
  (s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be a valid regular expression' },
);

const telemetrySchema = z.strictObject({
  meshTargets: z
    .strictObject({
      label: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a Prometheus label name').default('job'),
      pattern: regex.default(DEFAULT_MESH_TARGET_PATTERN),
    })
    .default({ label: 'job', pattern: DEFAULT_MESH_TARGET_PATTERN }),
  /** The newest Istio sample older than this many seconds makes the telemetry stale (a few scrape intervals). */
  staleAfterSeconds: z.number().positive().max(86_400).default(60),
});

const authSchema = z
  .strictObject({
    strategy: z.enum(['anonymous', 'token', 'header']).default('anonymous'),
    /** For strategy "header": the request header that carries the user's name (set by a trusted proxy). */
    header: z.string().min(1).optional(),
  })
  .refine((a) => a.strategy !== 'header' || a.header, { message: 'strategy "header" needs a "header" name', path: ['header'] });

export const meridianConfigSchema = z
  .strictObject({
    clusters: z.array(clusterSchema).min(1, 'at least one cluster is needed').optional(),
    /** One Prometheus-compatible URL for every cluster (Prometheus, Thanos Query, Mimir), filtered by cluster label. */
    prometheus: prometheusSchema.optional(),
    alertmanager: z.strictObject({ url }).optional(),
    auth: authSchema.default({ strategy: 'anonymous' }),
    readOnly: z.boolean().default(false),
    /** Telemetry checks (absent: the defaults of telemetrySchema). */
    telemetry: telemetrySchema.optional(),
    health: z
      .strictObject({
        degraded5xx: z.number().min(0).max(1).default(DEFAULT_THRESHOLDS.serverError.degraded),
        failing5xx: z.number().min(0).max(1).default(DEFAULT_THRESHOLDS.serverError.failing),
        degraded4xx: z.number().min(0).max(1).default(DEFAULT_THRESHOLDS.clientError.degraded),
        failing4xx: z.number().min(0).max(1).default(DEFAULT_THRESHOLDS.clientError.failing),
      })
      .optional(),
  })
  .refine((c) => new Set(c.clusters?.map((x) => x.name)).size === (c.clusters?.length ?? 0), {
    message: 'cluster names must be unique',
    path: ['clusters'],
  });

export type MeridianConfigFile = z.infer<typeof meridianConfigSchema>;
export type ClusterConfig = z.infer<typeof clusterSchema>;
export type PrometheusConfig = z.infer<typeof prometheusSchema>;
export type TelemetryConfig = z.infer<typeof telemetrySchema>;

/** The telemetry settings of a configuration, defaults filled in. */
export function telemetrySettings(cfg: Pick<MeridianConfigFile, 'telemetry'>): TelemetryConfig {
  return cfg.telemetry ?? telemetrySchema.parse({});
}

/** The resolved configuration: the file's settings with the clusters always known. */
export interface MeridianConfig extends Omit<MeridianConfigFile, 'clusters'> {
  clusters: ClusterConfig[];
  /** Where the configuration came from, for messages. */
  source: string;
}
