// VirtualService <-> the forms of the common intents. Each `write*` takes the object, returns an
// edited copy, and touches only the fields its form owns: unknown fields survive.
import { z } from 'zod';
import { arrAt, child, childArray, clone, isObj, num, type Obj, objAt, pruneEmpty, setOrDelete, str } from './object';

const optionalNumber = z.number().optional();

export const destinationFormSchema = z.object({ host: z.string(), subset: z.string(), weight: z.number() });
export const trafficShiftFormSchema = z.object({ destinations: z.array(destinationFormSchema) });
export type TrafficShiftForm = z.infer<typeof trafficShiftFormSchema>;

export const timeoutRetryFormSchema = z.object({
  timeout: z.string(),
  attempts: optionalNumber,
  perTryTimeout: z.string(),
  retryOn: z.string(),
});
export type TimeoutRetryForm = z.infer<typeof timeoutRetryFormSchema>;

export const faultFormSchema = z.object({
  delay: z.boolean(),
  delayPercent: optionalNumber,
  fixedDelay: z.string(),
  abort: z.boolean(),
  abortPercent: optionalNumber,
  httpStatus: optionalNumber,
});
export type FaultForm = z.infer<typeof faultFormSchema>;

export const mirrorFormSchema = z.object({ host: z.string(), subset: z.string(), percent: optionalNumber });
export type MirrorForm = z.infer<typeof mirrorFormSchema>;

/** The HTTP routes of a VirtualService (never mutated here). */
export function httpRoutes(vs: unknown): Obj[] {
  return arrAt(vs, 'spec', 'http').map((r) => (isObj(r) ? r : {}));
}

/** The catch-all route: the first HTTP route without a match (where traffic shifting belongs). */
export function defaultRouteIndex(vs: unknown): number {
  const routes = httpRoutes(vs);
  const i = routes.findIndex((r) => !Array.isArray(r.match) || r.match.length === 0);
  return i >= 0 ? i : Math.max(0, routes.length - 1);
}

/** A copy of `vs` and the HTTP route `index` in it (created, with the ones before it, when absent). */
function editRoute(vs: Obj, index: number): { next: Obj; route: Obj } {
  const next = clone(vs);
  const http = childArray(child(next, 'spec'), 'http');
  while (http.length <= index) http.push({});
  let route = http[index];
  if (!isObj(route)) {
    route = {};
    http[index] = route;
  }
  return { next, route: route as Obj };
}

export function readTrafficShift(vs: unknown, index: number): TrafficShiftForm {
  const route = arrAt(httpRoutes(vs)[index], 'route');
  return {
    destinations: route.map((d) => {
      const dest = objAt(d, 'destination');
      const w = isObj(d) ? num(d.weight) : undefined;
      return { host: str(dest?.host), subset: str(dest?.subset), weight: w ?? (route.length === 1 ? 100 : 0) };
    }),
  };
}

export function writeTrafficShift(vs: Obj, index: number, form: TrafficShiftForm): Obj {
  const { next, route } = editRoute(vs, index);
  const old = arrAt(route, 'route');
  route.route = form.destinations.map((d, j) => {
    const base: Obj = isObj(old[j]) ? clone(old[j] as Obj) : {};
    const dest = child(base, 'destination');
    dest.host = d.host;
    setOrDelete(dest, 'subset', d.subset);
    const implicit = form.destinations.length === 1 && d.weight === 100 && base.weight === undefined;
    if (implicit) delete base.weight;
    else base.weight = d.weight;
    return base;
  });
  return next;
}

export function readTimeoutRetry(vs: unknown, index: number): TimeoutRetryForm {
  const route = httpRoutes(vs)[index];
  const retries = objAt(route, 'retries');
  return {
    timeout: str(route?.timeout),
    attempts: num(retries?.attempts),
    perTryTimeout: str(retries?.perTryTimeout),
    retryOn: str(retries?.retryOn),
  };
}

export function writeTimeoutRetry(vs: Obj, index: number, form: TimeoutRetryForm): Obj {
  const { next, route } = editRoute(vs, index);
  setOrDelete(route, 'timeout', form.timeout.trim());
  const retries = child(route, 'retries');
  setOrDelete(retries, 'attempts', form.attempts);
  setOrDelete(retries, 'perTryTimeout', form.perTryTimeout.trim());
  setOrDelete(retries, 'retryOn', form.retryOn.trim());
  pruneEmpty(route, 'retries');
  return next;
}

export function readFault(vs: unknown, index: number): FaultForm {
  const fault = objAt(httpRoutes(vs)[index], 'fault');
  const delay = objAt(fault, 'delay');
  const abort = objAt(fault, 'abort');
  return {
    delay: delay !== undefined,
    delayPercent: num(objAt(delay, 'percentage')?.value),
    fixedDelay: str(delay?.fixedDelay),
    abort: abort !== undefined,
    abortPercent: num(objAt(abort, 'percentage')?.value),
    httpStatus: num(abort?.httpStatus),
  };
}

function writePercent(parent: Obj, value: number | undefined): void {
  const pct = child(parent, 'percentage');
  setOrDelete(pct, 'value', value);
  pruneEmpty(parent, 'percentage');
}

export function writeFault(vs: Obj, index: number, form: FaultForm): Obj {
  const { next, route } = editRoute(vs, index);
  const fault = child(route, 'fault');
  if (form.delay) {
    const delay = child(fault, 'delay');
    writePercent(delay, form.delayPercent);
    setOrDelete(delay, 'fixedDelay', form.fixedDelay.trim());
  } else delete fault.delay;
  if (form.abort) {
    const abort = child(fault, 'abort');
    writePercent(abort, form.abortPercent);
    setOrDelete(abort, 'httpStatus', form.httpStatus);
  } else delete fault.abort;
  pruneEmpty(route, 'fault');
  return next;
}

export function readMirror(vs: unknown, index: number): MirrorForm {
  const route = httpRoutes(vs)[index];
  const mirror = objAt(route, 'mirror');
  return { host: str(mirror?.host), subset: str(mirror?.subset), percent: num(objAt(route, 'mirrorPercentage')?.value) };
}

export function writeMirror(vs: Obj, index: number, form: MirrorForm): Obj {
  const { next, route } = editRoute(vs, index);
  if (!form.host.trim()) {
    delete route.mirror;
    delete route.mirrorPercentage;
    return next;
  }
  const mirror = child(route, 'mirror');
  mirror.host = form.host.trim();
  setOrDelete(mirror, 'subset', form.subset.trim());
  const pct = child(route, 'mirrorPercentage');
  setOrDelete(pct, 'value', form.percent);
  pruneEmpty(route, 'mirrorPercentage');
  return next;
}
