import { z } from 'zod';
import { durationParam } from './graph/query';

/** Graph node ids as in lib/graph/types.ts: svc:/wl:/app:<cluster>:<ns>:<name>[:<version>], ext:<host>, unknown. */
const nodeIdSchema = z
  .string()
  .max(600)
  .regex(/^((svc|wl|app):[a-z0-9.-]+:[a-z0-9-]+:[A-Za-z0-9._-]+(:[A-Za-z0-9._-]+)?|ext:[A-Za-z0-9.*:_-]+|unknown)$/, 'is not a graph node id (svc:/wl:/app:<cluster>:<namespace>:<name>, ext:<host> or unknown)');

/** GET /api/metrics: time series of a node (inbound or outbound) or an edge, for charts. */
export const metricsQuerySchema = z
  .strictObject({
    node: nodeIdSchema.optional(),
    direction: z.enum(['inbound', 'outbound']).optional().default('inbound'),
    source: nodeIdSchema.optional(),
    target: nodeIdSchema.optional(),
    duration: durationParam.optional().default(600),
    /** Seconds between points (default: duration / 60, at least 10). */
    step: z.coerce.number().int().min(5, 'must be at least 5 (seconds)').max(3600).optional(),
    /** Unix seconds of the end of the window (default now). */
    queryTime: z.coerce.number().int().min(0).optional(),
  })
  .refine((q) => Boolean(q.node) !== Boolean(q.source && q.target), {
    message: 'give either node=<id> or source=<id>&target=<id>',
    path: ['node'],
  });
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

const seriesSchema = z.object({
  name: z.enum(['rps', 'errorRate', 'p50', 'p95', 'p99']),
  /** [unix seconds, value] */
  points: z.array(z.tuple([z.number(), z.number()])),
});

export const metricsResponseSchema = z.object({
  series: z.array(seriesSchema),
  /** Per Prometheus/cluster errors: the charts say which part is missing. */
  errors: z.record(z.string(), z.string()),
  start: z.number(),
  end: z.number(),
  step: z.number(),
});
export type MetricsResponse = z.infer<typeof metricsResponseSchema>;
