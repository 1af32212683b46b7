import { describe, expect, it } from 'vitest';
import { parseScope, scopeQuery, withParam } from './url-state';

describe('url state', () => {
  it('parses the scope, dropping blanks and duplicates', () => {
    const p = new URLSearchParams('clusters=us-east,,eu-west,us-east&namespaces=bookinfo&x=1');
    expect(parseScope(p)).toEqual({ clusters: ['us-east', 'eu-west'], namespaces: ['bookinfo'] });
  });

  it('carries only the scope into a navigation link', () => {
    const p = new URLSearchParams('clusters=us-east&graphType=app&namespaces=a,b');
    expect(scopeQuery(p)).toBe('?clusters=us-east&namespaces=a%2Cb');
    expect(scopeQuery(new URLSearchParams('graphType=app'))).toBe('');
  });

  it('sets and removes one parameter, keeping the others', () => {
    const p = new URLSearchParams('clusters=us-east&namespaces=bookinfo');
    expect(withParam(p, 'namespaces', [])).toBe('?clusters=us-east');
    expect(withParam(p, 'clusters', ['eu-west', 'ap-south'])).toBe('?clusters=eu-west%2Cap-south&namespaces=bookinfo');
  });
});
