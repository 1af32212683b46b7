// VirtualService <-> RequestRoutingForm: "requests whose header / path matches go to host+subset".
// The form owns the HTTP routes of that simple shape (one match on one header or on the path, one
// destination); every other route (the catch-all with its weights, anything more elaborate) is
// kept as it is, and the rules stay before the catch-all route.
import { z } from 'zod';
import { httpRoutes } from './virtual-service';
import { arrAt, child, clone, isObj, type Obj, objAt, setOrDelete, str } from './object';

const OPS = ['exact', 'prefix', 'regex'] as const;
export const matchOpSchema = z.enum(OPS);

export const routingRuleFormSchema = z.object({
  /** Index of the HTTP route this rule was read from (absent for a new rule). */
  source: z.number().int().optional(),
  match: z.enum(['header', 'path']),
  header: z.string(),
  op: matchOpSchema,
  value: z.string(),
  host: z.string(),
  subset: z.string(),
});
export type RoutingRuleForm = z.infer<typeof routingRuleFormSchema>;
export const requestRoutingFormSchema = z.object({ rules: z.array(routingRuleFormSchema) });
export type RequestRoutingForm = z.infer<typeof requestRoutingFormSchema>;

function stringMatchOf(m: unknown): { op: (typeof OPS)[number]; value: string } | undefined {
  if (!isObj(m)) return undefined;
  const set = OPS.filter((k) => m[k] !== undefined);
  const op = set[0];
  return set.length === 1 && op ? { op, value: str(m[op]) } : undefined;
}

function ruleOf(route: Obj, index: number): RoutingRuleForm | undefined {
  const match = arrAt(route, 'match');
  const dest = arrAt(route, 'route');
  const m = match[0];
  if (match.length !== 1 || !isObj(m) || dest.length !== 1) return undefined;
  const destination = objAt(dest[0], 'destination');
  const target = { source: index, host: str(destination?.host), subset: str(destination?.subset) };
  const headers = objAt(m, 'headers');
  if (headers && m.uri === undefined) {
    const keys = Object.keys(headers);
    const key = keys[0];
    const sm = key !== undefined && keys.length === 1 ? stringMatchOf(headers[key]) : undefined;
    return sm && key !== undefined ? { ...target, match: 'header', header: key, ...sm } : undefined;
  }
  if (m.uri !== undefined && m.headers === undefined) {
    const sm = stringMatchOf(m.uri);
    return sm ? { ...target, match: 'path', header: '', ...sm } : undefined;
  }
  return undefined;
}

export function readRequestRouting(vs: unknown): RequestRoutingForm {
  const rules: RoutingRuleForm[] = [];
  httpRoutes(vs).forEach((r, i) => {
    const rule = ruleOf(r, i);
    if (rule) rules.push(rule);
  });
  return { rules };
}

function writeRule(old: Obj | undefined, rule: RoutingRuleForm): Obj {
  const base: Obj = old ? clone(old) : {};
  const oldMatch = arrAt(base, 'match')[0];
  const m: Obj = isObj(oldMatch) ? oldMatch : {};
  const previous = rule.match === 'header' ? objAt(m, 'headers', rule.header) : objAt(m, 'uri');
  const sm: Obj = previous ? clone(previous) : {};
  for (const op of OPS) delete sm[op];
  sm[rule.op] = rule.value;
  if (rule.match === 'header') {
    delete m.uri;
    m.headers = { [rule.header]: sm };
  } else {
    delete m.headers;
    m.uri = sm;
  }
  base.match = [m];
  const oldDest = arrAt(base, 'route')[0];
  const d: Obj = isObj(oldDest) ? oldDest : {};
  const destination = child(d, 'destination');
  destination.host = rule.host;
  setOrDelete(destination, 'subset', rule.subset);
  base.route = [d];
  return base;
}

export function writeRequestRouting(vs: Obj, form: RequestRoutingForm): Obj {
  const next = clone(vs);
  const routes = httpRoutes(vs);
  const owned = new Set(routes.flatMap((r, i) => (ruleOf(r, i) ? [i] : [])));
  const raw = arrAt(vs, 'spec', 'http');
  const kept = raw.map((r, i) => ({ r: clone(r), i })).filter(({ i }) => !owned.has(i));
  const firstOwned = Math.min(...owned);
  let at = Number.isFinite(firstOwned) ? kept.filter(({ i }) => i < firstOwned).length : -1;
  if (at < 0) {
    const catchAll = kept.findIndex(({ r }) => arrAt(r, 'match').length === 0);
    at = catchAll >= 0 ? catchAll : kept.length;
  }
  const rules = form.rules.map((rule) => writeRule(rule.source !== undefined && owned.has(rule.source) ? routes[rule.source] : undefined, rule));
  const http = [...kept.slice(0, at).map(({ r }) => r), ...rules, ...kept.slice(at).map(({ r }) => r)];
  const spec = child(next, 'spec');
  if (http.length) spec.http = http;
  else delete spec.http;
  return next;
}
