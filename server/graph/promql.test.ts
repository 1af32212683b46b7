import { describe, expect, it } from 'vitest';
import { anyOf, escapePromLabelValue, escapePromRegex, matcher, rangeOf, renderMatchers, selector } from './promql';

describe('promql helpers', () => {
  it('escapes backslash, double quote and newline in label values', () => {
    expect(escapePromLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(renderMatchers([matcher('ns', '=', 'x"} or vector(1) #')])).toBe('ns="x\\"} or vector(1) #"');
  });

  it('escapes regex metacharacters in =~ matchers, then the string', () => {
    expect(escapePromRegex('a.b|c*')).toBe('a\\.b\\|c\\*');
    expect(renderMatchers([anyOf('ns', ['bookinfo', 'a.b', 'x|y'])])).toBe('ns=~"bookinfo|a\\\\.b|x\\\\|y"');
  });

  it('refuses label names that are not identifiers', () => {
    expect(() => matcher('cluster"}', '=', 'x')).toThrow(/invalid Prometheus label name/);
  });

  it('builds selectors and ranges', () => {
    expect(selector('up', [matcher('job', '=', 'a')])).toBe('up{job="a"}');
    expect(rangeOf(600)).toBe('600s');
    expect(rangeOf(0.2)).toBe('1s');
    expect(rangeOf(Number.NaN)).toBe('600s');
  });
});
