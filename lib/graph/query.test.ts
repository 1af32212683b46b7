import { describe, expect, it } from 'vitest';
import { graphQuerySchema, parseDuration } from './query';

describe('graph query', () => {
  it('parses defaults and lists', () => {
    const q = graphQuerySchema.parse({ clusters: 'us-east,eu-west', duration: '5m', idle: 'true' });
    expect(q).toEqual({ clusters: ['us-east', 'eu-west'], namespaces: [], duration: 300, graphType: 'versionedApp', idle: true });
  });

  it('names the bad parameter', () => {
    const bad = (raw: Record<string, string>) => graphQuerySchema.safeParse(raw).error?.issues[0];
    expect(bad({ duration: '30s' })).toMatchObject({ path: ['duration'], message: 'must be at least 1m' });
    expect(bad({ duration: '2d' })).toMatchObject({ path: ['duration'], message: 'must be at most 1d' });
    expect(bad({ duration: 'soon' })?.message).toMatch(/"soon" is not a duration/);
    expect(bad({ graphType: 'galaxy' })?.path).toEqual(['graphType']);
    expect(bad({ namespaces: 'Bad_NS' })?.path).toEqual(['namespaces', 0]);
    expect(bad({ zoom: '2' })?.message).toMatch(/zoom/);
  });

  it('converts durations', () => {
    expect(parseDuration('1d')).toBe(86400);
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('5')).toBeUndefined();
  });
});
