import { describe, expect, it } from 'vitest';
import { lookupScopes, scopesOverlap, serviceVisibility, visibility, visibleIn } from './export-to';

describe('exportTo', () => {
  it('makes an object visible everywhere by default, in its own namespace with ".", nowhere with "~"', () => {
    expect([...visibility(undefined, 'a')]).toEqual(['*']);
    expect([...visibility(['.', 'b'], 'a')]).toEqual(['a', 'b']);
    expect(visibleIn(visibility(['~'], 'a'), 'a')).toBe(false);
    expect(visibleIn(visibility(['*'], 'a'), 'z')).toBe(true);
  });

  it("reads a Service's exportTo annotation", () => {
    expect([...serviceVisibility({ 'networking.istio.io/exportTo': '., other' }, 'a')]).toEqual(['a', 'other']);
    expect([...serviceVisibility(undefined, 'a')]).toEqual(['*']);
  });

  it('overlaps scopes that share a namespace, or where one is everywhere (and the other somewhere)', () => {
    expect(scopesOverlap(new Set(['a']), new Set(['a', 'b']))).toBe(true);
    expect(scopesOverlap(new Set(['a']), new Set(['b']))).toBe(false);
    expect(scopesOverlap(new Set(['*']), new Set(['b']))).toBe(true);
    expect(scopesOverlap(new Set(['*']), new Set())).toBe(false);
  });

  it('looks a host up from the own namespace, or from each exportTo namespace', () => {
    expect(lookupScopes(undefined, 'a')).toEqual(['a']);
    expect(lookupScopes(['.', 'b'], 'a')).toEqual(['a', 'b']);
  });
});
