import { describe, expect, it } from 'vitest';
import { escapePromLabelValue, escapePromRegex, promRegexAnyOf } from './escape';

describe('PromQL escaping', () => {
  it('escapes backslash, double quote and newline in a label value', () => {
    const v = 'a"b\\c\nd';
    const escaped = escapePromLabelValue(v);
    expect(escaped).toBe('a\\"b\\\\c\\nd');
    // The escaped value is a valid Go/JSON-like string literal that reads back as the original.
    expect(JSON.parse(`"${escaped}"`)).toBe(v);
    expect(escapePromLabelValue('plain-name.ns')).toBe('plain-name.ns');
  });

  it('escapes regex metacharacters so that =~ matches literally', () => {
    const meta = 'a.b+c*d?e(f)g|h[i]j{k}l^m$n\\o';
    const re = escapePromRegex(meta);
    expect(re).toBe('a\\.b\\+c\\*d\\?e\\(f\\)g\\|h\\[i\\]j\\{k\\}l\\^m\\$n\\\\o');
    const anchored = new RegExp(`^(?:${re})$`);
    expect(anchored.test(meta)).toBe(true);
    expect(anchored.test(meta.replace('.', 'x'))).toBe(false);
    expect(new RegExp(`^(?:${escapePromRegex('reviews.bookinfo.svc.cluster.local')})$`).test('reviewsXbookinfo.svc.cluster.local')).toBe(false);
  });

  it('builds an alternation for =~ escaped twice (regex, then quoted string)', () => {
    expect(promRegexAnyOf(['us-east', 'eu.west'])).toBe('us-east|eu\\\\.west');
    const regex = JSON.parse(`"${promRegexAnyOf(['a"b', 'c.d'])}"`) as string;
    expect(new RegExp(`^(?:${regex})$`).test('a"b')).toBe(true);
    expect(new RegExp(`^(?:${regex})$`).test('cxd')).toBe(false);
    const none = JSON.parse(`"${promRegexAnyOf([])}"`) as string;
    expect(new RegExp(`^(?:${none})$`).test('')).toBe(false);
  });
});
