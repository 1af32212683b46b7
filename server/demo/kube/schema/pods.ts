import 'server-only';
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
  notFoundValue,
  obj,
  oneOf,
  portNameErrors,
  portNumberCauses,
  required,
  str,
  type Causes,
  type J,
} from './causes';

// A pod spec as kube-apiserver validates it (of a Pod, or the template of a Deployment or ReplicaSet):
// the mistakes a manifest plausibly makes. Container names, images, ports, env, volume mounts
// against volumes, requests against limits, probes, and the enumerated fields.

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];

/** The volume sources of v1.Volume: a volume names exactly one. */
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile',
  'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume',
  'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

const SUFFIX: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** A quantity's value (decoding has checked its form), or undefined. */
export function quantityValue(q: unknown): number | undefined {
  if (typeof q === 'number') return q;
  const m = /^([+-]?[0-9.]+)(.*)$/.exec(str(q).trim());
  if (!m) return undefined;
  const exp = /^[eE]([-+]?\d+)$/.exec(m[2]!);
  const factor = exp ? 10 ** Number(exp[1]) : SUFFIX[m[2]!];
  return factor === undefined ? undefined : Number(m[1]) * factor;
}

function resourceCauses(at: string, resources: J): Causes {
  const limits = obj(resources.limits);
  return Object.entries(obj(resources.requests)).flatMap(([name, request]) => {
    const limit = limits[name];
    const r = quantityValue(request);
    const l = quantityValue(limit);
    if (limit === undefined || r === undefined || l === undefined || r <= l) return [];
    return [invalidValue(`${at}.requests`, String(request), `must be less than or equal to ${name} limit of ${String(limit)}`)];
  });
}

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

function probeCauses(at: string, probe: unknown): Causes {
  if (probe === undefined || probe === null) return [];
  const p = obj(probe);
  const handlers = HANDLERS.filter((h) => p[h] !== undefined && p[h] !== null);
  if (handlers.length === 0) return [required(at, 'must specify a handler type')];
  if (handlers.length > 1) return [forbidden(`${at}.${handlers[1]}`, 'may not specify more than 1 handler type')];
  const port = obj(p[handlers[0]!]).port;
  return handlers[0] === 'exec' || handlers[0] === 'grpc' ? [] : intOrNamedPortCauses(`${at}.${handlers[0]}.port`, port);
}

function containerCauses(at: string, c: J, volumes: Set<string>, init: boolean): Causes {
  const causes: Causes = [];
  const name = str(c.name);
  if (!name) causes.push(required(`${at}.name`));
  else causes.push(...dnsLabelErrors(name).map((e) => invalidValue(`${at}.name`, name, e)));
  if (!str(c.image).trim()) causes.push(required(`${at}.image`));
  causes.push(...oneOf(`${at}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
  arr(c.ports).forEach((p, i) => {
    const pat = `${at}.ports[${i}]`;
    if (!p.containerPort) causes.push(required(`${pat}.containerPort`));
    causes.push(...portNumberCauses(`${pat}.containerPort`, p.containerPort));
    if (p.hostPort) causes.push(...portNumberCauses(`${pat}.hostPort`, p.hostPort));
    if (p.name !== undefined) causes.push(...portNameErrors(str(p.name)).map((e) => invalidValue(`${pat}.name`, str(p.name), e)));
    causes.push(...oneOf(`${pat}.protocol`, p.protocol, PROTOCOLS));
  });
  arr(c.env).forEach((e, i) => {
    if (!str(e.name)) causes.push(required(`${at}.env[${i}].name`));
    else if (/[=\x00-\x1f\x7f-\uffff]/.test(str(e.name))) {
      causes.push(invalidValue(`${at}.env[${i}].name`, str(e.name), "a valid environment variable name must consist only of printable ASCII characters other than '='"));
    }
    if (str(e.value) && e.valueFrom) causes.push(invalidValue(`${at}.env[${i}].valueFrom`, '', 'may not be specified when `value` is not empty'));
  });
  arr(c.volumeMounts).forEach((m, i) => {
    const mat = `${at}.volumeMounts[${i}]`;
    if (!str(m.name)) causes.push(required(`${mat}.name`));
    else if (!volumes.has(str(m.name))) causes.push(notFoundValue(`${mat}.name`, str(m.name)));
    if (!str(m.mountPath)) causes.push(required(`${mat}.mountPath`));
  });
  causes.push(...resourceCauses(`${at}.resources`, obj(c.resources)));
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) causes.push(...probeCauses(`${at}.${probe}`, c[probe]));
  if (init) causes.push(...oneOf(`${at}.restartPolicy`, c.restartPolicy, ['Always']));
  else if (c.restartPolicy !== undefined && c.restartPolicy !== null) causes.push(forbidden(`${at}.restartPolicy`, 'may not be set for non-init containers'));
  return causes;
}

function volumeCauses(at: string, volumes: J[]): { causes: Causes; names: Set<string> } {
  const causes: Causes = [];
  const names = new Set<string>();
  volumes.forEach((v, i) => {
    const name = str(v.name);
    if (!name) causes.push(required(`${at}[${i}].name`));
    else causes.push(...dnsLabelErrors(name).map((e) => invalidValue(`${at}[${i}].name`, name, e)));
    if (names.has(name)) causes.push(duplicate(`${at}[${i}].name`, name));
    names.add(name);
    const sources = VOLUME_SOURCES.filter((s) => v[s] !== undefined && v[s] !== null);
    if (sources.length === 0) causes.push(required(`${at}[${i}]`, 'must specify a volume type'));
    else if (sources.length > 1) causes.push(forbidden(`${at}[${i}].${sources[1]}`, 'may not specify more than 1 volume type'));
  });
  return { causes, names };
}

/** A pod spec at `at` (`spec` or `spec.template.spec`); `restartPolicies` narrows the restart policies (templates). */
export function podSpecCauses(at: string, spec: J, restartPolicies = RESTART_POLICIES): Causes {
  const { causes, names: volumes } = volumeCauses(`${at}.volumes`, arr(spec.volumes));
  const containers = arr(spec.containers);
  if (containers.length === 0) causes.push(required(`${at}.containers`));
  const seen = new Set<string>();
  const ports = new Set<string>();
  const check = (list: J[], field: string, init: boolean) =>
    list.forEach((c, i) => {
      const cat = `${at}.${field}[${i}]`;
      causes.push(...containerCauses(cat, c, volumes, init));
      const name = str(c.name);
      if (name && seen.has(name)) causes.push(duplicate(`${cat}.name`, name));
      seen.add(name);
      arr(c.ports).forEach((p, j) => {
        const portName = str(p.name);
        if (portName && ports.has(portName)) causes.push(duplicate(`${cat}.ports[${j}].name`, portName));
        if (portName) ports.add(portName);
      });
    });
  check(arr(spec.initContainers), 'initContainers', true);
  check(containers, 'containers', false);
  causes.push(...oneOf(`${at}.restartPolicy`, spec.restartPolicy, restartPolicies));
  causes.push(...oneOf(`${at}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  causes.push(...labelCauses(`${at}.nodeSelector`, spec.nodeSelector));
  for (const field of ['serviceAccountName', 'serviceAccount']) {
    const sa = str(spec[field]);
    if (sa) causes.push(...dnsSubdomainErrors(sa).map((e) => invalidValue(`${at}.${field}`, sa, e)));
  }
  return causes;
}
