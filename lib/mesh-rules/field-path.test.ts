import { describe, expect, it } from 'vitest';
import { childPath, fieldPath, parseFieldPath } from './field-path';

describe('Kubernetes field paths', () => {
  it('format keys with dots, indexes and non-identifier keys in brackets', () => {
    expect(fieldPath(['spec', 'http', 0, 'route', 1, 'weight'])).toBe('spec.http[0].route[1].weight');
    expect(fieldPath(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe('metadata.labels[app.kubernetes.io/name]');
    expect(fieldPath(['clusters', 1, 'prometheus', 'url'])).toBe('clusters[1].prometheus.url');
    expect(fieldPath([])).toBe('');
    expect(fieldPath([0])).toBe('[0]');
    expect(childPath('', 'spec')).toBe('spec');
    expect(childPath('spec.http', 2)).toBe('spec.http[2]');
  });

  it('parse what they format', () => {
    for (const path of [['spec', 'http', 0, 'route', 1, 'weight'], ['metadata', 'labels', 'app.kubernetes.io/name'], ['spec', 'x']]) {
      expect(parseFieldPath(fieldPath(path))).toEqual(path);
    }
  });
});
