import 'server-only';
import { arr, invalidValue, obj, required, str, tooLong, type Causes, type J } from './causes';

// ConfigMaps, Secrets and ServiceMonitors as the API server (and the operator's CRD) validate them.

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const MAX_DATA = 1024 * 1024;

function keyCauses(field: string, key: string): Causes {
  if (key.length > 253) return [invalidValue(`${field}[${key}]`, key, 'must be no more than 253 characters')];
  if (!CONFIG_KEY.test(key)) {
    return [invalidValue(`${field}[${key}]`, key, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')")];
  }
  if (key === '.' || key === '..' || key.startsWith('..')) return [invalidValue(`${field}[${key}]`, key, key.startsWith('..') && key.length > 2 ? "must not start with '..'" : `must not be '${key}'`)];
  return [];
}

/** The data maps of a ConfigMap (data, binaryData) or a Secret (data, stringData). */
function dataCauses(o: J, fields: [string, string]): Causes {
  const [a, b] = fields;
  const first = obj(o[a]);
  const second = obj(o[b]);
  const causes = [...Object.keys(first).flatMap((k) => keyCauses(a, k)), ...Object.keys(second).flatMap((k) => keyCauses(b, k))];
  if (a === 'data' && b === 'binaryData') {
    for (const k of Object.keys(second)) if (Object.hasOwn(first, k)) causes.push(invalidValue(`data[${k}]`, k, 'duplicate of key present in binaryData'));
  }
  const size = [...Object.entries(first), ...Object.entries(second)].reduce((n, [k, v]) => n + k.length + str(v).length, 0);
  if (size > MAX_DATA) causes.push(tooLong('', MAX_DATA));
  return causes;
}

export function configMapCauses(o: J): Causes {
  return dataCauses(o, ['data', 'binaryData']);
}

/** Keys a Secret of a given type must hold. */
const SECRET_KEYS: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

export function secretCauses(o: J, current?: J): Causes {
  const causes = dataCauses(o, ['data', 'stringData']);
  const type = str(o.type) || 'Opaque';
  const keys = new Set([...Object.keys(obj(o.data)), ...Object.keys(obj(o.stringData))]);
  for (const key of SECRET_KEYS[type] ?? []) if (!keys.has(key)) causes.push(required(`data[${key}]`));
  if (current && (str(current.type) || 'Opaque') !== type) causes.push(invalidValue('type', type, 'field is immutable'));
  return causes;
}

/** What the ServiceMonitor CRD requires: a spec with a selector; endpoints name a port. */
export function serviceMonitorCauses(o: J): Causes {
  if (o.spec === undefined || o.spec === null) return [required('spec')];
  const spec = obj(o.spec);
  const causes = spec.selector === undefined || spec.selector === null ? [required('spec.selector')] : [];
  arr(spec.endpoints).forEach((e, i) => {
    if (e.port !== undefined && e.targetPort !== undefined) causes.push(invalidValue(`spec.endpoints[${i}]`, 'object', 'port and targetPort are mutually exclusive'));
  });
  return causes;
}
