import 'server-only';
import type { KubeObject } from '../types';
import { findVirtualService, resolveConfigHost, vsGateways } from './config';
import { asArray, asLabels, asNumber, asString, faultShare, field, labelsMatch, parseDurationMs, type Labels } from './objects';
import type { IstioConfig } from './topology';

// VirtualService route resolution for one call. Requests carry no real paths or headers, so the
// simulation models them as fixed classes (documented assumption): the path is "/<service name>"
// (so `uri: {prefix: /reviews}` matches calls to reviews, and `exact: /productpage` matches
// productpage), the method GET, no query parameters, and a fixed share of every call's requests
// (JASON_SHARE) carries the header `end-user: jason`, as a logged-in bookinfo user would.

export const JASON_SHARE = 0.1;
export const REQUEST_CLASSES: readonly { share: number; headers: Labels }[] = [
  { share: 1 - JASON_SHARE, headers: {} },
  { share: JASON_SHARE, headers: { 'end-user': 'jason' } },
];

export interface Caller {
  namespace: string;
  labels: Labels;
}

export interface RouteTarget {
  /** Destination host, resolved in the VirtualService's namespace. */
  host: string;
  subset?: string;
  /** Share of this route's requests, 0..1. */
  weight: number;
}

export interface Fault {
  abort?: { share: number; httpStatus: number; grpcStatus?: string };
  delay?: { share: number; ms: number };
}

export interface RouteDecision {
  /** Share of the call's requests taking this decision. */
  share: number;
  /** When set, the caller's proxy answers itself (no route matched: 404 NR) and nothing is sent. */
  local?: { code: number; flags: string };
  targets: RouteTarget[];
  fault?: Fault;
  timeoutMs?: number;
  /** Retries of failed attempts: on503Only = Istio's default retryOn (503), else any 5xx. */
  retries?: { attempts: number; on503Only: boolean };
  virtualService?: string;
}

function stringMatch(matcher: unknown, value: string | undefined, ignoreCase = false): boolean {
  if (value === undefined) return false;
  const v = ignoreCase ? value.toLowerCase() : value;
  const norm = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  const exact = asString(field(matcher, 'exact'));
  const prefix = asString(field(matcher, 'prefix'));
  const regex = asString(field(matcher, 'regex'));
  if (exact !== undefined) return v === norm(exact);
  if (prefix !== undefined) return v.startsWith(norm(prefix));
  if (regex !== undefined) {
    try {
      return new RegExp(`^(?:${regex})$`).test(value);
    } catch {
      return false;
    }
  }
  return true; // an empty matcher only asks for presence
}

function headersMatch(spec: unknown, headers: Labels, wanted: boolean): boolean {
  const entries = Object.entries((spec && typeof spec === 'object' ? spec : {}) as Record<string, unknown>);
  return entries.every(([name, m]) => stringMatch(m, headers[name.toLowerCase()]) === wanted);
}

interface MatchContext {
  caller: Caller;
  path: string;
  headers: Labels;
  port: number;
  authority: string;
}

function matchRequest(m: unknown, ctx: MatchContext): boolean {
  const uri = field(m, 'uri');
  if (uri !== undefined && !stringMatch(uri, ctx.path, field(m, 'ignoreUriCase') === true)) return false;
  if (!headersMatch(field(m, 'headers'), ctx.headers, true)) return false;
  if (!headersMatch(field(m, 'withoutHeaders'), ctx.headers, false)) return false;
  if (field(m, 'method') !== undefined && !stringMatch(field(m, 'method'), 'GET')) return false;
  if (field(m, 'scheme') !== undefined && !stringMatch(field(m, 'scheme'), 'http')) return false;
  if (field(m, 'authority') !== undefined && !stringMatch(field(m, 'authority'), ctx.authority)) return false;
  if (field(m, 'queryParams') !== undefined) return false;
  const port = asNumber(field(m, 'port'));
  if (port !== undefined && port !== ctx.port) return false;
  if (!labelsMatch(asLabels(field(m, 'sourceLabels')), ctx.caller.labels)) return false;
  const ns = asString(field(m, 'sourceNamespace'));
  if (ns !== undefined && ns !== ctx.caller.namespace) return false;
  const gateways = asArray(field(m, 'gateways'));
  return gateways.length === 0 || gateways.includes('mesh');
}

function matches(route: unknown, ctx: MatchContext): boolean {
  const list = asArray(field(route, 'match'));
  return list.length === 0 || list.some((m) => matchRequest(m, ctx));
}

function targetsOf(route: unknown, vsNamespace: string): RouteTarget[] {
  const dests = asArray(field(route, 'route'));
  const raw = dests.map((d) => ({
    host: resolveConfigHost(asString(field(d, 'destination', 'host')) ?? '', vsNamespace),
    subset: asString(field(d, 'destination', 'subset')),
    weight: dests.length === 1 ? 1 : Math.max(asNumber(field(d, 'weight')) ?? 0, 0),
  }));
  const total = raw.reduce((sum, t) => sum + t.weight, 0);
  return raw
    .map((t) => ({ host: t.host, ...(t.subset ? { subset: t.subset } : {}), weight: total > 0 ? t.weight / total : 1 / raw.length }))
    .filter((t) => t.weight > 0 && t.host !== '');
}

function faultOf(route: unknown): Fault | undefined {
  const abort = field(route, 'fault', 'abort');
  const delay = field(route, 'fault', 'delay');
  const fault: Fault = {};
  if (abort !== undefined) {
    const grpc = asString(field(abort, 'grpcStatus'));
    fault.abort = { share: faultShare(abort), httpStatus: asNumber(field(abort, 'httpStatus')) ?? (grpc ? 200 : 503), ...(grpc ? { grpcStatus: grpc } : {}) };
  }
  const delayMs = parseDurationMs(field(delay, 'fixedDelay'));
  if (delay !== undefined && delayMs !== undefined) fault.delay = { share: faultShare(delay), ms: delayMs };
  return fault.abort || fault.delay ? fault : undefined;
}

/** What the proxy answers itself for a route without destinations (directResponse, redirect, or nothing). */
function localAnswer(route: unknown): { code: number; flags: string } {
  const direct = asNumber(field(route, 'directResponse', 'status'));
  if (direct !== undefined) return { code: direct, flags: '-' };
  if (field(route, 'redirect') !== undefined) return { code: asNumber(field(route, 'redirect', 'redirectCode')) ?? 301, flags: '-' };
  return { code: 503, flags: 'NR' };
}

function decide(vs: KubeObject, route: unknown, share: number): RouteDecision {
  const ns = vs.metadata.namespace ?? 'default';
  const fault = faultOf(route);
  const timeoutMs = parseDurationMs(field(route, 'timeout'));
  const attempts = asNumber(field(route, 'retries', 'attempts')) ?? 0;
  const retryOn = asString(field(route, 'retries', 'retryOn')) ?? '';
  const targets = targetsOf(route, ns);
  return {
    share,
    targets,
    ...(targets.length === 0 ? { local: localAnswer(route) } : {}),
    ...(fault ? { fault } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(attempts > 0 ? { retries: { attempts: Math.min(attempts, 10), on503Only: !/\b5xx\b/.test(retryOn) } } : {}),
    virtualService: `${ns}/${vs.metadata.name}`,
  };
}

/**
 * The routing decisions of a call from a sidecar to fqdn, one per request class (merged when equal).
 * Without a VirtualService the request goes to the called host itself.
 */
export function routeCall(
  cfg: IstioConfig | undefined,
  caller: Caller,
  fqdn: string,
  call: { port: number; protocol: 'http' | 'grpc' | 'tcp'; serviceName: string },
): RouteDecision[] {
  const vs = cfg && findVirtualService(cfg, fqdn, caller.namespace);
  if (!vs) return [{ share: 1, targets: [{ host: fqdn, weight: 1 }] }];
  if (call.protocol === 'tcp') {
    const tcp = asArray(field(vs, 'spec', 'tcp')).find((r) => {
      const ms = asArray(field(r, 'match'));
      const ctx = { caller, path: '', headers: {}, port: call.port, authority: fqdn };
      return ms.length === 0 || ms.some((m) => matchRequest(m, ctx));
    });
    return [tcp ? { share: 1, targets: targetsOf(tcp, vs.metadata.namespace ?? 'default') } : { share: 1, targets: [{ host: fqdn, weight: 1 }] }];
  }
  const routes = asArray(field(vs, 'spec', 'http'));
  const decisions = new Map<unknown, RouteDecision>();
  for (const cls of REQUEST_CLASSES) {
    const ctx = { caller, path: `/${call.serviceName}`, headers: cls.headers, port: call.port, authority: fqdn };
    const route = routes.find((r) => matches(r, ctx));
    const previous = decisions.get(route ?? null);
    if (previous) previous.share += cls.share;
    else if (route === undefined) decisions.set(null, { share: cls.share, targets: [], local: { code: 404, flags: 'NR' } });
    else decisions.set(route, decide(vs, route, cls.share));
  }
  return [...decisions.values()];
}

/** True when a VirtualService bound to a Gateway routes to one of these hosts (entry traffic comes through it). */
export function gatewayRoutesTo(cfg: IstioConfig | undefined, hosts: Set<string>): boolean {
  return (cfg?.virtualServices ?? []).some((vs) => {
    if (!vsGateways(vs).some((g) => g !== 'mesh')) return false;
    const ns = vs.metadata.namespace ?? 'default';
    return [...asArray(field(vs, 'spec', 'http')), ...asArray(field(vs, 'spec', 'tcp'))].some((r) =>
      targetsOf(r, ns).some((t) => hosts.has(t.host)),
    );
  });
}
