import { describe, expect, it } from 'vitest';
import { diffFields, diffSummary, editableParts, formatValue } from './diff-summary';

const vs = (weights: number[], extra: Record<string, unknown> = {}) => ({
  hosts: ['reviews'],
  http: [{ route: weights.map((weight, i) => ({ destination: { host: 'reviews', subset: `v${i + 1}` }, weight })), ...extra }],
});

describe('diffSummary', () => {
  it('names each changed leaf with old -> new', () => {
    expect(diffSummary({ spec: vs([50, 30, 20]) }, { spec: vs([80, 10, 10]) })).toBe(
      'spec.http[0].route[0].weight: 50 -> 80; spec.http[0].route[1].weight: 30 -> 10; spec.http[0].route[2].weight: 20 -> 10',
    );
  });

  it('shows added and removed fields and array items as (absent)', () => {
    const s = diffSummary({ spec: vs([50, 50]) }, { spec: vs([100], { timeout: '2s' }) });
    expect(s).toContain('spec.http[0].route[0].weight: 50 -> 100');
    expect(s).toContain('spec.http[0].route[1]: {"destination":{"host":"reviews","subset":"v2"},"weight":50} -> (absent)');
    expect(s).toContain('spec.http[0].timeout: (absent) -> "2s"');
  });

  it('says "no changes" for equal values and treats a whole new object as one change', () => {
    expect(diffSummary({ spec: vs([100]) }, { spec: vs([100]) })).toBe('no changes');
    expect(diffSummary(undefined, { spec: { hosts: ['a'] } })).toBe('(root): (absent) -> {"spec":{"hosts":["a"]}}');
  });

  it('brackets keys that are not identifiers', () => {
    expect(diffFields({ labels: { 'app.kubernetes.io/name': 'a' } }, { labels: { 'app.kubernetes.io/name': 'b' } })).toEqual([
      { path: 'labels[app.kubernetes.io/name]', before: 'a', after: 'b' },
    ]);
  });

  it('truncates long summaries and says how many changes were left out', () => {
    const before = { spec: { list: Array.from({ length: 100 }, (_, i) => i) } };
    const after = { spec: { list: Array.from({ length: 100 }, (_, i) => i + 1000) } };
    const s = diffSummary(before, after, { maxLength: 200 });
    expect(s.length).toBeLessThanOrEqual(200);
    expect(s).toMatch(/^spec\.list\[0\]: 0 -> 1000; /);
    expect(s).toMatch(/… \(\d+ more\)$/);
    const n = Number(/\((\d+) more\)$/.exec(s)?.[1]);
    expect(s.split('; ').length - 1 + n).toBe(100);
  });

  it('cuts a single over-long change', () => {
    const s = diffSummary({ a: 'x' }, { a: 'y'.repeat(500) }, { maxLength: 40 });
    expect(s.length).toBeLessThanOrEqual(40);
    expect(s.startsWith('a: "x" -> "yyy')).toBe(true);
  });
});

describe('formatValue / editableParts', () => {
  it('shortens long values', () => {
    expect(formatValue('z'.repeat(100), 10)).toBe('"zzzzzzzz…');
    expect(formatValue(undefined)).toBe('(absent)');
  });

  it('keeps labels, annotations and spec, drops status and server fields', () => {
    const obj = { metadata: { name: 'r', resourceVersion: '7', labels: { a: '1' } }, spec: { hosts: ['r'] }, status: { x: 1 } };
    expect(editableParts(obj)).toEqual({ metadata: { labels: { a: '1' } }, spec: { hosts: ['r'] } });
  });

  it("leaves kubectl's last-applied annotation out of the summary", () => {
    const live = { metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"big":1}', team: 'a' } }, spec: { x: 1 } };
    const edited = { metadata: { annotations: { team: 'a' } }, spec: { x: 2 } };
    expect(diffSummary(editableParts(live), editableParts(edited))).toBe('spec.x: 1 -> 2');
  });
});
