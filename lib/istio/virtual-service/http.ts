// VirtualService HTTP routes: HTTPRoute and its actions (redirect, rewrite, fault, retries, mirror, CORS).
import { z } from 'zod';
import { Percent, StringMatch, duration, enumOf, httpStatus, portNumber, percentValue } from '../common';
import { HTTPMatchRequest } from './match';
import { Destination, HTTPRouteDestination, RouteHeaders, WEIGHTS_CHECK, checkRouteWeights } from './route';

const redirectCode = z
  .number()
  .int()
  .min(300, { error: (iss) => `redirect code ${String(iss.input)} is not a 3xx status` })
  .max(399, { error: (iss) => `redirect code ${String(iss.input)} is not a 3xx status` });

export const HTTPRedirect = z.looseObject({
  uri: z.string().optional(),
  authority: z.string().optional(),
  port: portNumber.optional(),
  derivePort: enumOf(['FROM_PROTOCOL_DEFAULT', 'FROM_REQUEST_PORT']).optional(),
  scheme: z.string().optional(),
  redirectCode: redirectCode.optional(),
});

export const HTTPDirectResponse = z.looseObject({
  status: httpStatus,
  body: z.looseObject({ string: z.string().optional(), bytes: z.string().optional() }).optional(),
});

export const Delegate = z.looseObject({ name: z.string().optional(), namespace: z.string().optional() });

export const HTTPRewrite = z.looseObject({
  uri: z.string().optional(),
  authority: z.string().optional(),
  uriRegexRewrite: z.looseObject({ match: z.string().optional(), rewrite: z.string().optional() }).optional(),
});

export const HTTPRetry = z.looseObject({
  attempts: z.number().int().min(0, { error: 'retry attempts must not be negative' }).optional(),
  perTryTimeout: duration.optional(),
  retryOn: z.string().optional(),
  retryRemoteLocalities: z.boolean().optional(),
  retryIgnorePreviousHosts: z.boolean().optional(),
  backoff: duration.optional(),
});
export type HTTPRetry = z.infer<typeof HTTPRetry>;

export const FaultDelay = z
  .looseObject({
    percentage: Percent.optional(),
    fixedDelay: duration.optional(),
    exponentialDelay: duration.optional(),
    percent: percentValue.optional(), // deprecated integer percentage, still accepted by Istio
  })
  .superRefine((d, ctx) => {
    if (d.fixedDelay === undefined && d.exponentialDelay === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['fixedDelay'],
        message: 'a delay fault needs fixedDelay (e.g. "5s")',
        params: { reason: 'FieldValueRequired' },
      });
    }
  });

export const FaultAbort = z
  .looseObject({
    percentage: Percent.optional(),
    httpStatus: httpStatus.optional(),
    grpcStatus: z.string().optional(),
    http2Error: z.string().optional(),
  })
  .superRefine((a, ctx) => {
    const set = (['httpStatus', 'grpcStatus', 'http2Error'] as const).filter((k) => a[k] !== undefined);
    if (set.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['httpStatus'],
        message: 'an abort fault needs httpStatus (200..599) or grpcStatus',
        params: { reason: 'FieldValueRequired' },
      });
    } else if (set.length > 1) {
      ctx.addIssue({ code: 'custom', message: `only one of httpStatus or grpcStatus may be set, got ${set.join(' and ')}` });
    }
  });

export const HTTPFaultInjection = z.looseObject({ delay: FaultDelay.optional(), abort: FaultAbort.optional() });
export type HTTPFaultInjection = z.infer<typeof HTTPFaultInjection>;

export const HTTPMirrorPolicy = z.looseObject({ destination: Destination, percentage: Percent.optional() });

export const CorsPolicy = z.looseObject({
  allowOrigins: z.array(StringMatch).optional(),
  allowOrigin: z.array(z.string()).optional(), // deprecated
  allowMethods: z.array(z.string()).optional(),
  allowHeaders: z.array(z.string()).optional(),
  exposeHeaders: z.array(z.string()).optional(),
  maxAge: duration.optional(),
  allowCredentials: z.boolean().optional(),
  unmatchedPreflights: enumOf(['UNSPECIFIED', 'FORWARD', 'IGNORE']).optional(),
});

export const HTTPRoute = z
  .looseObject({
    name: z.string().optional(),
    match: z.array(HTTPMatchRequest).optional(),
    route: z.array(HTTPRouteDestination).optional(),
    redirect: HTTPRedirect.optional(),
    directResponse: HTTPDirectResponse.optional(),
    delegate: Delegate.optional(),
    rewrite: HTTPRewrite.optional(),
    timeout: duration.optional(),
    retries: HTTPRetry.optional(),
    fault: HTTPFaultInjection.optional(),
    mirror: Destination.optional(),
    mirrors: z.array(HTTPMirrorPolicy).optional(),
    mirrorPercentage: Percent.optional(),
    corsPolicy: CorsPolicy.optional(),
    headers: RouteHeaders.optional(),
  })
  .superRefine((r, ctx) => {
    checkRouteWeights(r.route, ctx);
    // r may be malformed here (WEIGHTS_CHECK): only test presence of the actions.
    const actions = (['route', 'redirect', 'directResponse', 'delegate'] as const).filter((k) => r[k] !== undefined);
    if (actions.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['route'],
        message: 'an HTTP route needs one of route, redirect, directResponse or delegate',
        params: { reason: 'FieldValueRequired' },
      });
    } else if (actions.length > 1) {
      ctx.addIssue({ code: 'custom', message: `only one of ${actions.join(', ')} may be set` });
    }
  }, WEIGHTS_CHECK);
export type HTTPRoute = z.infer<typeof HTTPRoute>;
