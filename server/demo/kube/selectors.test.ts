import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { compileSelectors } from './selectors';
import { KubeError } from './status';

const obj = (name: string, labels: Record<string, string> = {}, namespace = 'shop'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
  status: { phase: 'Running' },
});

const pods = [
  obj('a', { app: 'web', version: 'v1' }),
  obj('b', { app: 'web', version: 'v2' }),
  obj('c', { app: 'db' }),
  obj('d', {}, 'other'),
];

const names = (label?: string, field?: string) => pods.filter(compileSelectors(label, field)).map((p) => p.metadata.name);

describe('label selectors', () => {
  it.each([
    ['app=web', ['a', 'b']],
    ['app==web', ['a', 'b']],
    ['app!=web', ['c', 'd']],
    ['app=web,version=v2', ['b']],
    ['version in (v1, v3)', ['a']],
    ['version notin (v1)', ['b', 'c', 'd']],
    ['version', ['a', 'b']],
    ['!version', ['c', 'd']],
    ['app in (web,db),!version', ['c']],
    ['', ['a', 'b', 'c', 'd']],
  ])('%s', (selector, expected) => {
    expect(names(selector)).toEqual(expected);
  });

  it('refuses what does not parse with 400', () => {
    expect(() => compileSelectors('app=in valid')).toThrow(KubeError);
    expect(() => compileSelectors('-bad')).toThrow(/invalid label key/);
  });
});

describe('field selectors', () => {
  it('select on metadata.name and metadata.namespace (=, ==, !=)', () => {
    expect(names(undefined, 'metadata.name=b')).toEqual(['b']);
    expect(names(undefined, 'metadata.namespace==other')).toEqual(['d']);
    expect(names(undefined, 'metadata.namespace!=other,metadata.name!=a')).toEqual(['b', 'c']);
    expect(names('app=web', 'metadata.name=a')).toEqual(['a']);
    expect(names(undefined, 'status.phase=Running')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('refuses unsupported fields like the API server', () => {
    expect(() => compileSelectors(undefined, 'spec.foo=x')).toThrow('field label not supported: spec.foo');
  });
});
