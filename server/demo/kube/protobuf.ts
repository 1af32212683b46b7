import 'server-only';
import { KubeError, status } from './status';

// kubectl's typed commands (`kubectl create namespace|configmap|secret|serviceaccount|role|
// clusterrole|rolebinding|clusterrolebinding`, `kubectl auth can-i|whoami`) send their body as
// Kubernetes protobuf, with no JSON fallback. This decodes that envelope (`k8s\0` + runtime.Unknown)
// for those few kinds, with just the fields those commands set; anything else is 415 with a hint
// to use a manifest (`kubectl apply -f` / `create -f` send JSON).

type Field =
  | { name: string; type: 'string' | 'bool' | 'int' | 'bytes' | 'strings' | 'stringMap' | 'bytesMap' }
  | { name: string; type: 'message' | 'messages'; fields: Schema };
type Schema = Record<number, Field>;

const OBJECT_META: Schema = {
  1: { name: 'name', type: 'string' },
  2: { name: 'generateName', type: 'string' },
  3: { name: 'namespace', type: 'string' },
  11: { name: 'labels', type: 'stringMap' },
  12: { name: 'annotations', type: 'stringMap' },
  14: { name: 'finalizers', type: 'strings' },
};
const META: Field = { name: 'metadata', type: 'message', fields: OBJECT_META };

const msg = (name: string, fields: Schema): Field => ({ name, type: 'message', fields });
const strs = (...names: string[]): Schema => Object.fromEntries(names.map((name, i) => [i + 1, { name, type: 'string' as const }]));

// authorization.k8s.io/v1 and authentication.k8s.io/v1 (generated.proto field numbers).
const RESOURCE_ATTRIBUTES = strs('namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name');
const ACCESS_SPEC: Schema = {
  1: msg('resourceAttributes', RESOURCE_ATTRIBUTES),
  2: msg('nonResourceAttributes', strs('path', 'verb')),
  3: { name: 'user', type: 'string' },
  4: { name: 'groups', type: 'strings' },
  6: { name: 'uid', type: 'string' },
};
const ACCESS_REVIEW: Schema = { 1: META, 2: msg('spec', ACCESS_SPEC) };

// rbac.authorization.k8s.io/v1
const POLICY_RULE: Schema = Object.fromEntries(
  ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'].map((name, i) => [i + 1, { name, type: 'strings' as const }]),
);
const ROLE: Schema = { 1: META, 2: { name: 'rules', type: 'messages', fields: POLICY_RULE } };
const BINDING: Schema = {
  1: META,
  2: { name: 'subjects', type: 'messages', fields: strs('kind', 'apiGroup', 'name', 'namespace') },
  3: msg('roleRef', strs('apiGroup', 'kind', 'name')),
};

const KINDS: Record<string, Schema> = {
  'authorization.k8s.io/v1/SelfSubjectAccessReview': ACCESS_REVIEW,
  'authorization.k8s.io/v1/SubjectAccessReview': ACCESS_REVIEW,
  'authorization.k8s.io/v1/LocalSubjectAccessReview': ACCESS_REVIEW,
  'authorization.k8s.io/v1/SelfSubjectRulesReview': { 1: META, 2: msg('spec', strs('namespace')) },
  'authentication.k8s.io/v1/SelfSubjectReview': { 1: META },
  'authentication.k8s.io/v1/TokenReview': { 1: META, 2: msg('spec', { 1: { name: 'token', type: 'string' }, 2: { name: 'audiences', type: 'strings' } }) },
  'rbac.authorization.k8s.io/v1/Role': ROLE,
  'rbac.authorization.k8s.io/v1/ClusterRole': ROLE,
  'rbac.authorization.k8s.io/v1/RoleBinding': BINDING,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': BINDING,
  'v1/Namespace': { 1: META, 2: { name: 'spec', type: 'message', fields: { 1: { name: 'finalizers', type: 'strings' } } } },
  'v1/ConfigMap': { 1: META, 2: { name: 'data', type: 'stringMap' }, 3: { name: 'binaryData', type: 'bytesMap' }, 4: { name: 'immutable', type: 'bool' } },
  'v1/Secret': {
    1: META,
    2: { name: 'data', type: 'bytesMap' },
    3: { name: 'type', type: 'string' },
    4: { name: 'stringData', type: 'stringMap' },
    5: { name: 'immutable', type: 'bool' },
  },
  'v1/ServiceAccount': { 1: META },
};

const TYPE_META: Schema = { 1: { name: 'apiVersion', type: 'string' }, 2: { name: 'kind', type: 'string' } };
const UNKNOWN: Schema = { 1: { name: 'typeMeta', type: 'message', fields: TYPE_META }, 2: { name: 'raw', type: 'bytes' } };

/** Each field of a message: number, wire type, and its varint or bytes. */
function* fieldsOf(buf: Buffer): Generator<{ no: number; varint?: number; bytes?: Buffer }> {
  let pos = 0;
  const varint = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = buf[pos++];
      if (b === undefined) throw new Error('truncated varint');
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
    }
  };
  while (pos < buf.length) {
    const key = varint();
    const wire = key & 7;
    const no = Math.floor(key / 8);
    if (wire === 0) yield { no, varint: varint() };
    else if (wire === 2) {
      const len = varint();
      yield { no, bytes: buf.subarray(pos, pos + len) };
      pos += len;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

function decode(buf: Buffer, schema: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fieldsOf(buf)) {
    const field = schema[f.no];
    if (!field) continue;
    const bytes = f.bytes ?? Buffer.alloc(0);
    if (field.type === 'string') {
      // gogo protobuf writes empty strings too; JSON would have left them out.
      if (bytes.length > 0) out[field.name] = bytes.toString('utf8');
    }
    else if (field.type === 'bytes') out[field.name] = bytes;
    else if (field.type === 'bool') out[field.name] = f.varint === 1;
    else if (field.type === 'int') out[field.name] = f.varint ?? 0;
    else if (field.type === 'strings') out[field.name] = [...((out[field.name] as string[]) ?? []), bytes.toString('utf8')];
    else if (field.type === 'message') out[field.name] = decode(bytes, field.fields);
    else if (field.type === 'messages') out[field.name] = [...((out[field.name] as unknown[]) ?? []), decode(bytes, field.fields)];
    else {
      const entry = decode(bytes, { 1: { name: 'k', type: 'string' }, 2: { name: 'v', type: 'bytes' } });
      const value = (entry.v as Buffer | undefined) ?? Buffer.alloc(0);
      const map = (out[field.name] as Record<string, string>) ?? {};
      map[String(entry.k ?? '')] = field.type === 'bytesMap' ? value.toString('base64') : value.toString('utf8');
      out[field.name] = map;
    }
  }
  return out;
}

/** The JSON object of a Kubernetes protobuf body, for the kinds kubectl's typed commands create. */
export function decodeKubeProtobuf(body: Buffer): unknown {
  const unsupported = (what: string) =>
    new KubeError(status(415, 'UnsupportedMediaType', `the demo API server accepts protobuf only for Namespace, ConfigMap, Secret, ServiceAccount, RBAC and review kinds (${what}); send JSON or YAML, e.g. kubectl apply -f`));
  if (body.subarray(0, 4).toString('latin1') !== 'k8s\0') throw unsupported('no k8s envelope');
  try {
    const unknown = decode(body.subarray(4), UNKNOWN);
    const typeMeta = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
    const schema = KINDS[`${typeMeta.apiVersion}/${typeMeta.kind}`];
    if (!schema) throw unsupported(`${typeMeta.apiVersion}/${typeMeta.kind}`);
    const obj = decode((unknown.raw as Buffer | undefined) ?? Buffer.alloc(0), schema);
    return { apiVersion: typeMeta.apiVersion, kind: typeMeta.kind, ...obj, metadata: obj.metadata ?? {} };
  } catch (err) {
    if (err instanceof KubeError) throw err;
    throw unsupported(err instanceof Error ? err.message : String(err));
  }
}
