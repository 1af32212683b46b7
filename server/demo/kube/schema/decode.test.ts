import { describe, expect, it } from 'vitest';
import { findKind } from '../resources';
import { KubeError } from '../status';
import { base64ErrorOffset, decode } from './decode';
import { decodeBody, fieldValidationOf, goFormat } from './fields';
import { kindModels } from './index';

// The decoder and the field-validation answers, below the HTTP layer.

const deployment = (spec: Record<string, unknown>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'bookinfo' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } }, ...spec },
});

function refusal(fn: () => unknown): { code: number; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof KubeError) return { code: err.code, message: err.status.message ?? '' };
    throw err;
  }
  throw new Error('not refused');
}

describe('decode', () => {
  it('drops unknown fields (paths with list indices) and keeps the rest', async () => {
    const models = await kindModels();
    const body = deployment({ replica: 2, replicas: 3 });
    (body.spec.template.spec.containers[0] as Record<string, unknown>).imagePullPolicyy = 'Always';
    const { value, unknown, error } = decode(models, 'V1Deployment', body);
    expect(error).toBeUndefined();
    expect(unknown).toEqual(['spec.template.spec.containers[0].imagePullPolicyy', 'spec.replica']); // document order
    expect(value.spec).toMatchObject({ replicas: 3 });
    expect(value.spec).not.toHaveProperty('replica');
  });

  it('words type errors like Go: the struct, the field path without indices, the Go type', async () => {
    const models = await kindModels();
    const ports = deployment({});
    (ports.spec.template.spec.containers[0] as Record<string, unknown>).ports = [{ containerPort: 80.5 }];
    expect(decode(models, 'V1Deployment', ports).error?.message).toBe(
      'json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    );
    const template = decode(models, 'V1Deployment', deployment({ template: 'web' })).error;
    expect(template?.message).toBe('json: cannot unmarshal string into Go struct field DeploymentSpec.spec.template of type v1.PodTemplateSpec');
    expect(template?.converter).toBe('cannot restore struct from: string');
    const env = deployment({});
    (env.spec.template.spec.containers[0] as Record<string, unknown>).env = [{ name: 'PORT', value: 3000 }];
    const envError = decode(models, 'V1Deployment', env).error;
    expect(envError?.message).toBe('json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string');
    expect(envError?.converter).toBe('cannot convert int64 to string');
  });

  it('checks quantities, base64 bytes and int-or-strings with their own messages', async () => {
    const models = await kindModels();
    const secret = (data: unknown) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { key: data } });
    expect(decode(models, 'V1Secret', secret('c2VjcmV0')).error).toBeUndefined();
    expect(decode(models, 'V1Secret', secret('not base64!')).error?.message).toBe('illegal base64 data at input byte 3');
    expect(base64ErrorOffset('abcde')).toBe(4);
    expect(base64ErrorOffset('ab==')).toBe(-1);
    const limits = (cpu: unknown) => {
      const d = deployment({});
      (d.spec.template.spec.containers[0] as Record<string, unknown>).resources = { limits: { cpu } };
      return decode(models, 'V1Deployment', d).error?.message;
    };
    expect(limits(1)).toBeUndefined();
    expect(limits('500m')).toBeUndefined();
    expect(limits('1kk')).toBe("unable to parse quantity's suffix");
    expect(limits('lots')).toMatch(/^quantities must match the regular expression/);
    const strategy = decode(models, 'V1Deployment', deployment({ strategy: { rollingUpdate: { maxSurge: true } } })).error;
    expect(strategy?.message).toBe('json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32');
  });
});

describe('field validation answers', () => {
  it('takes Strict, Warn (the default) and Ignore, and refuses anything else as the options validation does', () => {
    const url = (q: string) => new URL(`http://x/apis/apps/v1/namespaces/a/deployments${q}`);
    expect(fieldValidationOf(url(''), 'create')).toBe('Warn');
    expect(fieldValidationOf(url('?fieldValidation=Strict'), 'create')).toBe('Strict');
    expect(refusal(() => fieldValidationOf(url('?fieldValidation=strict'), 'create'))).toEqual({
      code: 422,
      message: 'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"',
    });
  });

  it('warns under Warn, refuses under Strict per write path, and words CRD type errors as schema validation', async () => {
    const models = await kindModels();
    const def = findKind('apps/v1', 'Deployment')!;
    const body = deployment({ replica: 2 });
    const req = { def, models, body, directive: 'Warn' as const, via: 'create' as const };
    expect(decodeBody(req).warnings).toEqual(['unknown field "spec.replica"']);
    expect(decodeBody({ ...req, directive: 'Ignore' }).warnings).toEqual([]);
    const merge = refusal(() => decodeBody({ ...req, directive: 'Strict', via: 'merge' }));
    expect(merge.code).toBe(422);
    expect(merge.message).toMatch(/^ "" is invalid: patch: Invalid value: "\{"apiVersion":"apps\/v1",.*"replica":2.*\}": strict decoding error: unknown field "spec.replica"$/);
    const smon = findKind('monitoring.coreos.com/v1', 'ServiceMonitor')!;
    const monitor = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm' }, spec: { selector: {}, endpoints: [{ port: 8080 }] } };
    expect(refusal(() => decodeBody({ ...req, def: smon, body: monitor }))).toEqual({
      code: 422,
      message: 'ServiceMonitor.monitoring.coreos.com "m" is invalid: spec.endpoints[0].port: Invalid value: "integer": spec.endpoints[0].port in body must be of type string: "integer"',
    });
  });

  it('prints patches as Go prints a map', () => {
    expect(goFormat({ spec: { replicas: 2, b: [1, 'x', null], a: true } })).toBe('map[spec:map[a:true b:[1 x <nil>] replicas:2]]');
  });
});
