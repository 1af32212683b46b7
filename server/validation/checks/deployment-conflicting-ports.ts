import 'server-only';
import { deploymentInMesh, servicePorts, servicesOfDeployment } from '../deployments';
import { finding, type Check } from '../types';

/** One container port of a mesh Deployment reached through different Service ports. */
export const deploymentConflictingPorts: Check = {
  code: 'IST0137',
  name: 'DeploymentConflictingPorts',
  severity: 'warning',
  description: 'Services selecting the same Deployment map different ports to one targetPort.',
  run(ctx) {
    return ctx.items('Deployment').flatMap((d) => {
      if (!deploymentInMesh(ctx, d)) return [];
      const byTarget = new Map<string, Map<number, string>>();
      for (const s of servicesOfDeployment(ctx, d)) {
        for (const p of servicePorts(s)) {
          if (p.port === undefined) continue;
          const target = p.targetPort === undefined || p.targetPort === 0 ? String(p.port) : String(p.targetPort);
          const ports = byTarget.get(target) ?? new Map<number, string>();
          ports.set(p.port, `${s.namespace}/${s.name}`);
          byTarget.set(target, ports);
        }
      }
      return [...byTarget.entries()]
        .filter(([, ports]) => ports.size > 1)
        .map(([target, ports]) =>
          finding(this, d, 'metadata.name', `This deployment ${d.name} is associated with multiple services [${[...new Set(ports.values())].sort().join(' ')}] using targetPort "${target}" but different ports: [${[...ports.keys()].sort((a, b) => a - b).join(' ')}].`),
        );
    });
  },
};
