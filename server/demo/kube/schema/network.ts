import 'server-only';
import { isIP } from 'node:net';
import {
  PROTOCOLS,
  arr,
  dnsLabelErrors,
  dnsSubdomainErrors,
  duplicate,
  forbidden,
  intOrNamedPortCauses,
  invalidValue,
  labelCauses,
  num,
  obj,
  oneOf,
  portNumberCauses,
  required,
  selectorCauses,
  str,
  type Causes,
  type J,
} from './causes';

// Services, NetworkPolicies, Ingresses and IngressClasses as kube-apiserver validates them.

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const NODE_PORTS = { min: 30000, max: 32767 };

export function serviceCauses(o: J): Causes {
  const spec = obj(o.spec);
  const type = spec.type ?? 'ClusterIP';
  const causes = oneOf('spec.type', spec.type, SERVICE_TYPES);
  causes.push(...oneOf('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']));
  causes.push(...labelCauses('spec.selector', spec.selector));
  const ports = arr(spec.ports);
  if (type === 'ExternalName') {
    const name = str(spec.externalName);
    if (!name) causes.push(required('spec.externalName'));
    else causes.push(...dnsSubdomainErrors(name.replace(/\.$/, '')).map((e) => invalidValue('spec.externalName', name, e)));
  } else if (ports.length === 0 && spec.clusterIP !== 'None') causes.push(required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const at = `spec.ports[${i}]`;
    const name = str(p.name);
    if (ports.length > 1 && !name) causes.push(required(`${at}.name`));
    if (name) causes.push(...dnsLabelErrors(name).map((e) => invalidValue(`${at}.name`, name, e)));
    if (name && names.has(name)) causes.push(duplicate(`${at}.name`, name));
    names.add(name);
    if (!p.port) causes.push(invalidValue(`${at}.port`, num(p.port) ?? 0, 'must be between 1 and 65535, inclusive'));
    else causes.push(...portNumberCauses(`${at}.port`, p.port));
    causes.push(...oneOf(`${at}.protocol`, p.protocol, PROTOCOLS));
    if (p.targetPort !== undefined && p.targetPort !== null) causes.push(...intOrNamedPortCauses(`${at}.targetPort`, p.targetPort));
    const nodePort = num(p.nodePort);
    if (nodePort) {
      if (type !== 'NodePort' && type !== 'LoadBalancer') causes.push(forbidden(`${at}.nodePort`, `may not be used when \`type\` is '${String(type)}'`));
      else if (nodePort < NODE_PORTS.min || nodePort > NODE_PORTS.max) {
        causes.push(invalidValue(`${at}.nodePort`, nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORTS.min}-${NODE_PORTS.max}`));
      }
    }
  });
  return causes;
}

/** `10.0.0.0/8` → [address bytes, prefix], or undefined when not a CIDR. */
function parseCidr(cidr: string): { bits: bigint; prefix: number; width: number } | undefined {
  const [addr, len, extra] = cidr.split('/');
  const family = isIP(addr ?? '');
  if (!family || extra !== undefined || !/^\d+$/.test(len ?? '')) return undefined;
  const width = family === 4 ? 32 : 128;
  const prefix = Number(len);
  if (prefix > width) return undefined;
  let bits = 0n;
  if (family === 4) for (const part of addr!.split('.')) bits = (bits << 8n) | BigInt(part);
  else {
    const [head, tail] = addr!.split('::');
    const groups = (s?: string) => (s ? s.split(':') : []);
    const h = groups(head);
    const t = groups(tail);
    const all = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
    for (const g of all) bits = (bits << 16n) | BigInt(`0x${g || '0'}`);
  }
  return { bits, prefix, width };
}

function within(inner: ReturnType<typeof parseCidr>, outer: ReturnType<typeof parseCidr>): boolean {
  if (!inner || !outer || inner.width !== outer.width || inner.prefix <= outer.prefix) return false;
  const shift = BigInt(outer.width - outer.prefix);
  return inner.bits >> shift === outer.bits >> shift;
}

function peerCauses(at: string, peer: J): Causes {
  const has = (k: string) => peer[k] !== undefined && peer[k] !== null;
  if (!has('podSelector') && !has('namespaceSelector') && !has('ipBlock')) return [required(at, 'must specify a peer')];
  if (has('ipBlock') && (has('podSelector') || has('namespaceSelector'))) return [forbidden(at, 'may not specify both ipBlock and another peer')];
  const causes = [...(has('podSelector') ? selectorCauses(`${at}.podSelector`, peer.podSelector) : []), ...(has('namespaceSelector') ? selectorCauses(`${at}.namespaceSelector`, peer.namespaceSelector) : [])];
  if (!has('ipBlock')) return causes;
  const block = obj(peer.ipBlock);
  const cidr = str(block.cidr);
  const outer = parseCidr(cidr);
  if (!cidr) return [...causes, required(`${at}.ipBlock.cidr`)];
  if (!outer) return [...causes, invalidValue(`${at}.ipBlock.cidr`, cidr, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
  (Array.isArray(block.except) ? block.except : []).forEach((e, i) => {
    const field = `${at}.ipBlock.except[${i}]`;
    const inner = parseCidr(str(e));
    if (!inner) causes.push(invalidValue(field, e, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
    else if (!within(inner, outer)) causes.push(invalidValue(field, e, 'must be a strict subset of `cidr`'));
  });
  return causes;
}

function policyPortCauses(at: string, p: J): Causes {
  const causes = oneOf(`${at}.protocol`, p.protocol, PROTOCOLS);
  if (p.port !== undefined && p.port !== null) causes.push(...intOrNamedPortCauses(`${at}.port`, p.port));
  const end = num(p.endPort);
  if (end === undefined) return causes;
  if (typeof p.port !== 'number') causes.push(forbidden(`${at}.endPort`, 'may not be specified when `port` is non-numeric'));
  else if (end < p.port) causes.push(invalidValue(`${at}.endPort`, end, 'must be greater than or equal to `port`'));
  return causes;
}

export function networkPolicyCauses(o: J): Causes {
  const spec = obj(o.spec);
  const causes = selectorCauses('spec.podSelector', spec.podSelector);
  for (const [dir, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    arr(spec[dir]).forEach((rule, i) => {
      arr(rule.ports).forEach((p, j) => causes.push(...policyPortCauses(`spec.${dir}[${i}].ports[${j}]`, p)));
      arr(rule[peers]).forEach((peer, j) => causes.push(...peerCauses(`spec.${dir}[${i}].${peers}[${j}]`, peer)));
    });
  }
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  types.forEach((t, i) => causes.push(...oneOf(`spec.policyTypes[${i}]`, t, ['Egress', 'Ingress'])));
  if (types.length > 2) causes.push(invalidValue('spec.policyTypes', types, 'may not specify more than two policyTypes'));
  return causes;
}

function backendCauses(at: string, backend: J): Causes {
  const service = backend.service;
  if (backend.resource && service) return [invalidValue(at, '', 'cannot set both resource and service backends')];
  if (!service) return backend.resource ? [] : [invalidValue(at, '', 'resource or service backend is required')];
  const s = obj(service);
  const port = obj(s.port);
  const causes = str(s.name) ? dnsLabelErrors(str(s.name)).map((e) => invalidValue(`${at}.service.name`, str(s.name), e)) : [required(`${at}.service.name`)];
  if (port.name && port.number) causes.push(invalidValue(`${at}.service.port`, port, 'cannot set both port name & port number'));
  else if (port.name) causes.push(...intOrNamedPortCauses(`${at}.service.port.name`, str(port.name)));
  else if (port.number) causes.push(...portNumberCauses(`${at}.service.port.number`, port.number));
  else causes.push(invalidValue(`${at}.service.port`, port, 'port name or number is required'));
  return causes;
}

export function ingressCauses(o: J): Causes {
  const spec = obj(o.spec);
  const rules = arr(spec.rules);
  const causes: Causes = [];
  if (!spec.defaultBackend && rules.length === 0) causes.push(invalidValue('spec.rules', [], 'either `defaultBackend` or `rules` must be specified'));
  if (spec.defaultBackend) causes.push(...backendCauses('spec.defaultBackend', obj(spec.defaultBackend)));
  if (spec.ingressClassName) causes.push(...dnsSubdomainErrors(str(spec.ingressClassName)).map((e) => invalidValue('spec.ingressClassName', spec.ingressClassName, e)));
  rules.forEach((rule, i) => {
    const at = `spec.rules[${i}]`;
    const host = str(rule.host);
    if (host && isIP(host)) causes.push(invalidValue(`${at}.host`, host, 'must be a DNS name, not an IP address'));
    else if (host) causes.push(...dnsSubdomainErrors(host.replace(/^\*\./, '')).map((e) => invalidValue(`${at}.host`, host, e)));
    if (rule.http === undefined || rule.http === null) return;
    const paths = arr(obj(rule.http).paths);
    if (paths.length === 0) causes.push(required(`${at}.http.paths`));
    paths.forEach((p, j) => {
      const pat = `${at}.http.paths[${j}]`;
      if (!p.pathType) causes.push(required(`${pat}.pathType`, 'pathType must be specified'));
      else causes.push(...oneOf(`${pat}.pathType`, p.pathType, ['Exact', 'ImplementationSpecific', 'Prefix']));
      if (p.pathType !== 'ImplementationSpecific' || p.path) {
        if (!str(p.path).startsWith('/')) causes.push(invalidValue(`${pat}.path`, str(p.path), 'must be an absolute path'));
      }
      causes.push(...backendCauses(`${pat}.backend`, obj(p.backend)));
    });
  });
  return causes;
}

export function ingressClassCauses(o: J): Causes {
  const controller = str(obj(o.spec).controller);
  return controller ? [] : [required('spec.controller')];
}
