import 'server-only';
import { deploymentInMesh, servicePorts, servicesOfDeployment } from '../deployments';
import { finding, type Check } from '../types';

/** One port of a mesh Deployment exposed by several Services with different protocols. */
export const deploymentMultiService: Check = {
  code: 'IST0116',
  name: 'DeploymentAssociatedToMultipleServices',
  severity: 'warning',
  description: 'Services selecting the same Deployment expose one port number with different protocols.',
  run(ctx) {
    return ctx.items('Deployment').flatMap((d) => {
      if (!deploymentInMesh(ctx, d)) return [];
      const byPort = new Map<number, Map<string, string[]>>();
      for (const s of servicesOfDeployment(ctx, d)) {
        for (const p of servicePorts(s)) {
          if (p.port === undefined) continue;
          const protocols = byPort.get(p.port) ?? new Map<string, string[]>();
          const proto = p.protocol ?? 'TCP';
          protocols.set(proto, [...(protocols.get(proto) ?? []), `${s.namespace}/${s.name}`]);
          byPort.set(p.port, protocols);
        }
      }
      return [...byPort.entries()]
        .filter(([, protocols]) => protocols.size > 1)
        .map(([port, protocols]) => {
          const names = [...protocols.values()].flat().sort().join(', ');
          return finding(this, d, 'metadata.name', `This deployment ${d.name} is associated with multiple services using port ${port} but different protocols: ${names}`);
        });
    });
  },
};
