import { describe, expect, it } from 'vitest';
import { evaluate, matches, parseFind, type Facts, type FindExpr } from './find';

const node: Facts = {
  text: { ns: 'bookinfo', svc: undefined, app: 'reviews', version: 'v2', cluster: 'us-east', name: 'reviews' },
  numbers: { rps: 4.5, '%error': 2, rt: 120 },
  flags: { mtls: true, crosscluster: false, exported: false, imported: true, idle: false, healthy: false, degraded: true, failing: false, nosidecar: false },
};
const edge: Facts = { text: {}, numbers: { rps: 1, '%error': 0, rt: 30 }, flags: { mtls: false, crosscluster: true, idle: false } };

function expr(src: string): FindExpr {
  const r = parseFind(src);
  if (!r.ok) throw new Error(`${src}: ${r.error.message} at ${r.error.start}`);
  if (!r.expr) throw new Error('empty');
  return r.expr;
}
const on = (src: string, facts: Facts = node) => evaluate(expr(src), facts);

describe('parseFind', () => {
  it('treats blank input as no expression', () => {
    expect(parseFind('  ')).toEqual({ ok: true, expr: undefined });
  });

  it('binds AND tighter than OR, in both spellings', () => {
    const e = expr('ns=a OR ns=b AND app=c');
    expect(e.type).toBe('or');
    expect(e.type === 'or' && e.right.type).toBe('and');
    const strip = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'start' || k === 'end' ? undefined : v)));
    expect(strip(expr('ns=a || ns=b && app=c'))).toEqual(strip(e));
    // parentheses override
    const g = expr('(ns=a or ns=b) and app=c');
    expect(g.type).toBe('and');
  });

  it('parses numbers with units and spaces around operators', () => {
    expect(expr('rps > 0.5')).toMatchObject({ type: 'number', field: 'rps', op: '>', value: 0.5 });
    expect(expr('%error>=5%')).toMatchObject({ field: '%error', op: '>=', value: 5 });
    expect(expr('rt<200ms')).toMatchObject({ field: 'rt', op: '<', value: 200 });
  });

  it('reports errors with the position of the offending text', () => {
    const cases: [string, RegExp, number, number][] = [
      ['foo=1', /unknown field "foo"/, 0, 3],
      ['ns=a AND bogus', /unknown word "bogus"/, 9, 14],
      ['ns=', /value is expected/, 3, 4],
      ['rps>abc', /"abc" is not a number/, 4, 7],
      ['ns>3', /= or != only/, 2, 3],
      ['(ns=a', /missing "\)"/, 5, 6],
      ['ns=a)', /without a matching/, 4, 5],
      ['ns=a ns=b', /expected AND or OR/, 5, 9],
      ['ns=a AND', /ends early/, 8, 9],
      ['ns=a # x', /unexpected "#"/, 5, 6],
      ['rps', /needs a comparison/, 0, 3],
    ];
    for (const [src, message, start, end] of cases) {
      const r = parseFind(src);
      expect(r.ok, src).toBe(false);
      if (!r.ok) expect(r.error, src).toMatchObject({ start, end, message: expect.stringMatching(message) });
    }
  });
});

describe('evaluate', () => {
  it('compares every text field, with wildcards and !=', () => {
    expect(on('ns=bookinfo')).toBe(true);
    expect(on('ns=other')).toBe(false);
    expect(on('app=rev*')).toBe(true);
    expect(on('version=v2')).toBe(true);
    expect(on('cluster!=us-east')).toBe(false);
    expect(on('name=reviews')).toBe(true);
    expect(on('svc=reviews')).toBeUndefined();
    expect(on('wl=reviews')).toBeUndefined();
  });

  it('compares every number field', () => {
    expect(on('rps>4')).toBe(true);
    expect(on('rps<=4')).toBe(false);
    expect(on('%error>1')).toBe(true);
    expect(on('%error=2')).toBe(true);
    expect(on('rt>=120')).toBe(true);
    expect(on('rt!=120')).toBe(false);
  });

  it('reads every flag', () => {
    expect(on('mtls')).toBe(true);
    expect(on('crosscluster')).toBe(false);
    expect(on('exported')).toBe(false);
    expect(on('imported')).toBe(true);
    expect(on('idle')).toBe(false);
    expect(on('healthy')).toBe(false);
    expect(on('degraded')).toBe(true);
    expect(on('failing')).toBe(false);
    expect(on('nosidecar')).toBe(false);
  });

  it('uses three-valued logic so node-only predicates do not match edges', () => {
    expect(on('ns=bookinfo', edge)).toBeUndefined();
    expect(on('!ns=bookinfo', edge)).toBeUndefined();
    expect(on('ns=bookinfo OR crosscluster', edge)).toBe(true);
    expect(on('ns=bookinfo AND crosscluster', edge)).toBeUndefined();
    expect(on('ns=bookinfo AND mtls', edge)).toBe(false);
    expect(matches(expr('ns=bookinfo'), edge)).toBe(false);
    expect(matches(undefined, node)).toBe(false);
  });

  it('applies precedence: a OR b AND c is a OR (b AND c)', () => {
    expect(on('ns=bookinfo OR ns=x AND failing')).toBe(true);
    expect(on('(ns=bookinfo OR ns=x) AND failing')).toBe(false);
    expect(on('NOT failing AND degraded')).toBe(true);
    expect(on('not (failing or degraded)')).toBe(false);
  });
});
