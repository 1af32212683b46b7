import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { invalidateFeature, queryKey, scopeKey } from './query-keys';

describe('query keys', () => {
  it('start with the cluster scope and the feature', () => {
    expect(queryKey(undefined, 'alerts')).toEqual(['all', 'alerts']);
    expect(queryKey([], 'graph', 'bookinfo')).toEqual(['all', 'graph', 'bookinfo']);
    expect(queryKey(['us-east', 'eu-west'], 'graph', 'bookinfo')).toEqual(['us-east,eu-west', 'graph', 'bookinfo']);
    expect(queryKey('us-east', 'istio-config', 'bookinfo', 'VirtualService', 'reviews')).toEqual(['us-east', 'istio-config', 'bookinfo', 'VirtualService', 'reviews']);
    expect(scopeKey('')).toBe('all');
  });

  it('invalidate a feature in every scope, or in one scope only', async () => {
    const client = new QueryClient();
    const keys = [queryKey('us-east', 'graph', 'a'), queryKey(undefined, 'graph', 'b'), queryKey('us-east', 'mesh'), queryKey('eu-west', 'graph')];
    for (const k of keys) client.setQueryData(k, 1);
    const stale = () => keys.map((k) => client.getQueryState(k)?.isInvalidated);
    await invalidateFeature(client, 'graph', 'us-east');
    expect(stale()).toEqual([true, false, false, false]);
    await invalidateFeature(client, 'graph');
    expect(stale()).toEqual([true, true, false, true]);
  });
});
