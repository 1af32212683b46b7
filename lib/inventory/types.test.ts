import { describe, expect, it } from 'vitest';
import { ISTIO_KIND_LIST } from '../istio/kinds';
import { CORE_KINDS, emptyObjects, INVENTORY_KIND_NAMES, INVENTORY_KINDS, isInventoryKind } from './types';

describe('inventory kinds', () => {
  it('are the core Kubernetes kinds plus every kind of the Istio registry, at the same coordinates', () => {
    expect(INVENTORY_KIND_NAMES).toEqual([...Object.keys(CORE_KINDS), ...ISTIO_KIND_LIST.map((k) => k.id)]);
    for (const k of ISTIO_KIND_LIST) expect(INVENTORY_KINDS[k.id]).toMatchObject({ group: k.group, version: k.version, plural: k.plural, namespaced: true });
    expect(Object.keys(CORE_KINDS)).toEqual(['Namespace', 'Service', 'Pod', 'Deployment', 'ReplicaSet', 'EndpointSlice']);
    expect(INVENTORY_KINDS.Namespace.namespaced).toBe(false);
  });

  it('tell an inventory kind from any other', () => {
    expect(isInventoryKind('VirtualService')).toBe(true);
    expect(isInventoryKind('ServiceImport')).toBe(true);
    expect(isInventoryKind('Pod')).toBe(true);
    expect(isInventoryKind('ConfigMap')).toBe(false);
    expect(isInventoryKind('toString')).toBe(false);
    expect(Object.keys(emptyObjects())).toEqual(INVENTORY_KIND_NAMES);
  });
});
