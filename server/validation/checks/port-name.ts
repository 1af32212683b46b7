import 'server-only';
import { servicePorts, type ServicePort } from '@/lib/mesh-rules/service';
import { rec } from '@/lib/mesh-rules/spec';
import { finding, type Check } from '../types';
import { SYSTEM_NAMESPACES } from './ns-not-injected';

const PROTOCOLS = ['http', 'http2', 'https', 'http-proxy', 'grpc', 'grpc-web', 'tcp', 'tls', 'mongo', 'mysql', 'redis', 'udp'];

/** Istio's protocol selection: appProtocol, else a `<protocol>[-<suffix>]` port name. */
export function protocolOf(port: ServicePort): string | undefined {
  const candidates = [port.appProtocol, port.name].filter((x): x is string => typeof x === 'string');
  for (const c of candidates) {
    const p = c.toLowerCase().split('-')[0] ?? '';
    if (PROTOCOLS.includes(p) || (c.toLowerCase().startsWith('http-proxy'))) return p;
  }
  if ((port.protocol ?? '').toUpperCase() === 'UDP') return 'udp';
  return undefined;
}

export const portName: Check = {
  code: 'IST0118',
  name: 'PortNameIsNotUnderNamingConvention',
  severity: 'info',
  description: 'A Service port\'s protocol cannot be told from its name (`<protocol>[-<suffix>]`) or appProtocol.',
  run(ctx) {
    return ctx.items('Service').flatMap((svc) => {
      const labels = svc.obj.metadata.labels ?? {};
      if (SYSTEM_NAMESPACES.has(svc.namespace ?? '') && svc.namespace !== 'istio-system') return [];
      if ('istio' in labels || labels.release === 'istio' || rec(svc.obj.spec).type === 'ExternalName') return [];
      return servicePorts(svc.obj.spec).flatMap((p, i) => {
        if (protocolOf(p)) return [];
        return [finding(this, svc, `spec.ports[${i}]`, `Port name ${p.name ?? '(unnamed)'} (port: ${p.port}, targetPort: ${p.targetPort ?? p.port}) doesn't follow the naming convention of Istio port.`)];
      });
    });
  },
};
