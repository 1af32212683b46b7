// DestinationRule traffic policy: load balancing, connection pool, outlier detection, client TLS.
// ConnectionPoolSettings is also used by Sidecar ingress listeners.
import { z } from 'zod';
import { PortSelector, duration, enumOf, nonEmpty, percentValue, portNumber } from '../common';

const count = z.number().int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' });

const HTTPCookie = z.looseObject({
  name: nonEmpty('cookie name'),
  path: z.string().optional(),
  ttl: duration.optional(),
  attributes: z.array(z.looseObject({ name: z.string(), value: z.string().optional() })).optional(),
});

const CONSISTENT_HASH_KEYS = ['httpHeaderName', 'httpCookie', 'useSourceIp', 'httpQueryParameterName'] as const;

export const ConsistentHashLB = z
  .looseObject({
    httpHeaderName: z.string().optional(),
    httpCookie: HTTPCookie.optional(),
    useSourceIp: z.boolean().optional(),
    httpQueryParameterName: z.string().optional(),
    ringHash: z.looseObject({ minimumRingSize: count.optional() }).optional(),
    maglev: z.looseObject({ tableSize: count.optional() }).optional(),
    minimumRingSize: count.optional(), // deprecated, use ringHash.minimumRingSize
  })
  .superRefine((h, ctx) => {
    const keys = CONSISTENT_HASH_KEYS.filter((k) => h[k] !== undefined);
    if (keys.length > 1) {
      ctx.addIssue({ code: 'custom', message: `only one hash key may be set, got ${keys.join(' and ')}` });
    }
    if (h.ringHash && h.maglev) {
      ctx.addIssue({ code: 'custom', message: 'only one of ringHash or maglev may be set' });
    }
  });

export const LocalityLoadBalancerSetting = z.looseObject({
  distribute: z
    .array(z.looseObject({ from: z.string().optional(), to: z.record(z.string(), count).optional() }))
    .optional(),
  failover: z.array(z.looseObject({ from: z.string().optional(), to: z.string().optional() })).optional(),
  failoverPriority: z.array(z.string()).optional(),
  enabled: z.boolean().optional(),
});

export const LoadBalancerSettings = z
  .looseObject({
    simple: enumOf(['UNSPECIFIED', 'LEAST_CONN', 'RANDOM', 'PASSTHROUGH', 'ROUND_ROBIN', 'LEAST_REQUEST']).optional(),
    consistentHash: ConsistentHashLB.optional(),
    localityLbSetting: LocalityLoadBalancerSetting.optional(),
    warmupDurationSecs: duration.optional(),
    warmup: z
      .looseObject({ duration: duration.optional(), minimumPercent: percentValue.optional(), aggression: z.number().optional() })
      .optional(),
  })
  .superRefine((lb, ctx) => {
    if (lb.simple !== undefined && lb.consistentHash !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'only one of simple or consistentHash may be set' });
    }
  });

export const ConnectionPoolSettings = z.looseObject({
  tcp: z
    .looseObject({
      maxConnections: count.optional(),
      connectTimeout: duration.optional(),
      tcpKeepalive: z
        .looseObject({ probes: count.optional(), time: duration.optional(), interval: duration.optional() })
        .optional(),
      maxConnectionDuration: duration.optional(),
      idleTimeout: duration.optional(),
    })
    .optional(),
  http: z
    .looseObject({
      http1MaxPendingRequests: count.optional(),
      http2MaxRequests: count.optional(),
      maxRequestsPerConnection: count.optional(),
      maxRetries: count.optional(),
      idleTimeout: duration.optional(),
      h2UpgradePolicy: enumOf(['DEFAULT', 'DO_NOT_UPGRADE', 'UPGRADE']).optional(),
      useClientProtocol: z.boolean().optional(),
      maxConcurrentStreams: count.optional(),
    })
    .optional(),
});
export type ConnectionPoolSettings = z.infer<typeof ConnectionPoolSettings>;

export const OutlierDetection = z.looseObject({
  splitExternalLocalOriginErrors: z.boolean().optional(),
  consecutiveLocalOriginFailures: count.optional(),
  consecutiveGatewayErrors: count.optional(),
  consecutive5xxErrors: count.optional(),
  consecutiveErrors: count.optional(), // deprecated
  interval: duration.optional(),
  baseEjectionTime: duration.optional(),
  maxEjectionPercent: percentValue.optional(),
  minHealthPercent: percentValue.optional(),
});
export type OutlierDetection = z.infer<typeof OutlierDetection>;

export const ClientTLSSettings = z.looseObject({
  mode: enumOf(['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']).optional(),
  clientCertificate: z.string().optional(),
  privateKey: z.string().optional(),
  caCertificates: z.string().optional(),
  credentialName: z.string().optional(),
  subjectAltNames: z.array(z.string()).optional(),
  sni: z.string().optional(),
  insecureSkipVerify: z.boolean().optional(),
  caCrl: z.string().optional(),
});
export type ClientTLSSettings = z.infer<typeof ClientTLSSettings>;

const policyParts = {
  loadBalancer: LoadBalancerSettings.optional(),
  connectionPool: ConnectionPoolSettings.optional(),
  outlierDetection: OutlierDetection.optional(),
  tls: ClientTLSSettings.optional(),
};

export const PortTrafficPolicy = z.looseObject({ port: PortSelector.optional(), ...policyParts });

export const TrafficPolicy = z.looseObject({
  ...policyParts,
  portLevelSettings: z.array(PortTrafficPolicy).optional(),
  tunnel: z
    .looseObject({ protocol: z.string().optional(), targetHost: nonEmpty('tunnel targetHost'), targetPort: portNumber })
    .optional(),
  proxyProtocol: z.looseObject({ version: enumOf(['V1', 'V2']).optional() }).optional(),
});
export type TrafficPolicy = z.infer<typeof TrafficPolicy>;
