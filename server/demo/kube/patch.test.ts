import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch } from './patch';
import { strategicMergePatch } from './smp';
import { KubeError } from './status';

describe('JSON merge patch (RFC 7386)', () => {
  it('merges objects, replaces arrays, deletes with null, leaves the input alone', () => {
    const target = { a: 1, b: { c: 2, d: 3 }, list: [1, 2] };
    const out = mergePatch(target, { b: { c: null, e: 4 }, list: [3], f: 'x' });
    expect(out).toEqual({ a: 1, b: { d: 3, e: 4 }, list: [3], f: 'x' });
    expect(target).toEqual({ a: 1, b: { c: 2, d: 3 }, list: [1, 2] });
  });
});

describe('JSON patch (RFC 6902)', () => {
  const doc = { spec: { hosts: ['a'], http: [{ route: [{ weight: 100 }] }] }, metadata: { labels: { x: '1' } } };

  it('add, remove, replace, move, copy, test', () => {
    const out = jsonPatch(doc, [
      { op: 'add', path: '/spec/hosts/-', value: 'b' },
      { op: 'add', path: '/spec/hosts/0', value: 'first' },
      { op: 'replace', path: '/spec/http/0/route/0/weight', value: 80 },
      { op: 'test', path: '/spec/http/0/route/0/weight', value: 80 },
      { op: 'copy', from: '/metadata/labels/x', path: '/metadata/labels/y' },
      { op: 'move', from: '/metadata/labels/x', path: '/metadata/labels/z' },
      { op: 'add', path: '/metadata/annotations', value: { 'a~b/c': '1' } },
      { op: 'remove', path: '/metadata/annotations/a~0b~1c' },
    ]);
    expect(out).toEqual({
      spec: { hosts: ['first', 'a', 'b'], http: [{ route: [{ weight: 80 }] }] },
      metadata: { labels: { y: '1', z: '1' }, annotations: {} },
    });
    expect(doc.spec.hosts).toEqual(['a']);
  });

  it('a failed test is 422; a missing path is 400', () => {
    const code = (ops: unknown) => {
      try {
        jsonPatch(doc, ops);
      } catch (err) {
        return err instanceof KubeError ? err.code : -1;
      }
      return 0;
    };
    expect(code([{ op: 'test', path: '/spec/hosts/0', value: 'zzz' }])).toBe(422);
    expect(code([{ op: 'remove', path: '/spec/nothing' }])).toBe(400);
    expect(code([{ op: 'replace', path: '/spec/hosts/5', value: 1 }])).toBe(400);
    expect(code([{ op: 'jump', path: '/x' }])).toBe(400);
    expect(code({ op: 'add' })).toBe(400);
  });
});

describe('strategic merge patch', () => {
  const deployment = {
    spec: {
      template: {
        spec: {
          containers: [
            { name: 'app', image: 'app:1', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] },
            { name: 'sidecar', image: 'proxy:1' },
          ],
        },
      },
    },
  };

  it('merges lists of containers, ports and env by their merge keys', () => {
    const out = strategicMergePatch(deployment, {
      spec: {
        template: {
          spec: {
            containers: [{ name: 'app', image: 'app:2', env: [{ name: 'B', value: '2' }] }],
          },
        },
      },
    }) as typeof deployment;
    const [app, sidecar] = out.spec.template.spec.containers;
    expect(app).toEqual({ name: 'app', image: 'app:2', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] });
    expect(sidecar).toEqual({ name: 'sidecar', image: 'proxy:1' });
  });

  it('honours $patch: delete, $setElementOrder and $deleteFromPrimitiveList', () => {
    const out = strategicMergePatch(
      { ...deployment, metadata: { finalizers: ['a', 'b'] } },
      {
        metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] },
        spec: {
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }],
              containers: [{ name: 'extra', $patch: 'delete' }, { name: 'sidecar', image: 'proxy:2' }],
            },
          },
        },
      },
    ) as typeof deployment & { metadata: { finalizers: string[] } };
    expect(out.metadata.finalizers).toEqual(['b']);
    expect(out.spec.template.spec.containers.map((c) => `${c.name}=${c.image}`)).toEqual(['sidecar=proxy:2', 'app=app:1']);
    const removed = strategicMergePatch(deployment, { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } }) as typeof deployment;
    expect(removed.spec.template.spec.containers.map((c) => c.name)).toEqual(['app']);
  });

  it('replaces lists without a merge key, like a merge patch', () => {
    expect(strategicMergePatch({ spec: { hosts: ['a', 'b'] } }, { spec: { hosts: ['c'] } })).toEqual({ spec: { hosts: ['c'] } });
  });
});
