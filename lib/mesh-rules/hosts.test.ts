import { describe, expect, it } from 'vitest';
import { fqdn, gatewayHost, HostIndex, hostMatches, hostsIntersect, parseServiceFqdn, serviceFqdn, serviceOfHost } from './hosts';

describe('host resolution', () => {
  it('qualifies a short name in the namespace of the object naming it, and leaves other names alone', () => {
    expect(fqdn('reviews', 'bookinfo')).toBe('reviews.bookinfo.svc.cluster.local');
    expect(fqdn('reviews.other', 'bookinfo')).toBe('reviews.other');
    expect(fqdn('*', 'bookinfo')).toBe('*');
    expect(fqdn('*.example.com', 'bookinfo')).toBe('*.example.com');
    expect(serviceFqdn('ratings', 'bookinfo', 'clusterset')).toBe('ratings.bookinfo.svc.clusterset.local');
  });

  it('parses the fully qualified cluster.local and clusterset.local names of a Service', () => {
    expect(parseServiceFqdn('reviews.bookinfo.svc.cluster.local')).toEqual({ name: 'reviews', namespace: 'bookinfo', scope: 'cluster' });
    expect(parseServiceFqdn('ratings.bookinfo.svc.clusterset.local')).toEqual({ name: 'ratings', namespace: 'bookinfo', scope: 'clusterset' });
    expect(parseServiceFqdn('a.b.c.svc.cluster.local')).toBeUndefined();
    expect(parseServiceFqdn('reviews.bookinfo')).toBeUndefined();
    expect(parseServiceFqdn('api.example.com')).toBeUndefined();
  });

  it('resolves every form a proxy accepts to the Service, marking `name.ns` as possibly external', () => {
    // Moved from lib/istio/forms/affected.test.ts (resolveHost there is now this rule).
    expect(serviceOfHost('reviews', 'bookinfo')).toMatchObject({ name: 'reviews', namespace: 'bookinfo' });
    expect(serviceOfHost('reviews.other.svc.cluster.local', 'bookinfo')).toMatchObject({ name: 'reviews', namespace: 'other' });
    expect(serviceOfHost('api.example.com', 'bookinfo')).toBeUndefined();
    const svc = (name: string, namespace: string, scope = 'cluster', ambiguous = false) => ({ name, namespace, scope, ambiguous });
    expect(serviceOfHost('reviews', 'bookinfo')).toEqual(svc('reviews', 'bookinfo'));
    expect(serviceOfHost('reviews.other', 'bookinfo')).toEqual(svc('reviews', 'other', 'cluster', true));
    expect(serviceOfHost('reviews.other.svc', 'bookinfo')).toEqual(svc('reviews', 'other'));
    expect(serviceOfHost('reviews.other.svc.cluster.local', 'bookinfo')).toEqual(svc('reviews', 'other'));
    expect(serviceOfHost('ratings.bookinfo.svc.clusterset.local', 'x')).toEqual(svc('ratings', 'bookinfo', 'clusterset'));
    expect(serviceOfHost('api.example.com', 'bookinfo')).toBeUndefined();
    expect(serviceOfHost('*.bookinfo.svc.cluster.local', 'bookinfo')).toBeUndefined();
    expect(serviceOfHost('*', 'bookinfo')).toBeUndefined();
  });

  it('matches wildcards by suffix, never the bare suffix itself', () => {
    expect(hostMatches('*.example.com', 'api.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'a.b.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'example.com')).toBe(false);
    expect(hostMatches('*', 'anything')).toBe(true);
    expect(hostMatches('api.example.com', 'api.example.com')).toBe(true);
    expect(hostMatches('api.example.com', '*.example.com')).toBe(false);
  });

  it('intersects two hosts when one wildcard covers the other', () => {
    expect(hostsIntersect('*.example.com', 'api.example.com')).toBe(true);
    expect(hostsIntersect('api.example.com', '*.example.com')).toBe(true);
    expect(hostsIntersect('*.example.com', '*.a.example.com')).toBe(true);
    expect(hostsIntersect('*.a.com', '*.b.com')).toBe(false);
    expect(hostsIntersect('*', 'x')).toBe(true);
    expect(hostsIntersect('a.com', 'b.com')).toBe(false);
  });

  it('reads a Gateway server host with its namespace part', () => {
    expect(gatewayHost('bookinfo/reviews.example.com', 'istio-system')).toEqual(['bookinfo', 'reviews.example.com']);
    expect(gatewayHost('./reviews.example.com', 'istio-system')).toEqual(['istio-system', 'reviews.example.com']);
    expect(gatewayHost('reviews.example.com', 'istio-system')).toEqual(['*', 'reviews.example.com']);
  });

  it('indexes declared hosts: the exact host before a wildcard, then the first declared', () => {
    const index = new HostIndex<string>();
    index.add('*.example.com', 'wild');
    index.add('api.example.com', 'first');
    index.add('api.example.com', 'second');
    expect(index.find('api.example.com')).toBe('first');
    expect(index.find('api.example.com', (v) => v !== 'first')).toBe('second');
    expect(index.find('web.example.com')).toBe('wild');
    expect(index.find('example.com')).toBeUndefined();
  });
});
