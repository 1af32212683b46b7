import { describe, expect, it } from 'vitest';
import { arr, at, isRec, num, rec, str, strMap, strs } from './spec';

describe('typed readers of untyped specs', () => {
  const spec: unknown = JSON.parse('{"hosts":["a",5,"b"],"http":[{"route":[{"weight":30},{"weight":"70"}]}],"selector":{"app":"x","n":1},"list":"no"}');

  it('read a field of the right type and treat the wrong type as absent', () => {
    expect(str(at(spec, 'hosts', 0))).toBe('a');
    expect(str(at(spec, 'hosts', 1))).toBeUndefined();
    expect(num(at(spec, 'http', 0, 'route', 0, 'weight'))).toBe(30);
    expect(num(at(spec, 'http', 0, 'route', 1, 'weight'))).toBeUndefined();
    expect(num(Number.NaN)).toBeUndefined();
    expect(arr(at(spec, 'list'))).toEqual([]);
    expect(rec(at(spec, 'hosts'))).toEqual({});
    expect(isRec(null)).toBe(false);
  });

  it('keep array indexes and drop the entries of another type only where asked', () => {
    expect(arr(at(spec, 'hosts'))).toHaveLength(3);
    expect(strs(at(spec, 'hosts'))).toEqual(['a', 'b']);
  });

  it('read a string map, dropping non-string values', () => {
    expect(strMap(at(spec, 'selector'))).toEqual({ app: 'x' });
    expect(strMap(at(spec, 'hosts'))).toBeUndefined();
  });

  it('steps into arrays only by index and into objects only by key', () => {
    expect(at(spec, 'hosts', 'length')).toBeUndefined();
    expect(at(spec, 'selector', 0)).toBeUndefined();
    expect(at(undefined, 'a')).toBeUndefined();
    expect(at(spec)).toBe(spec);
  });
});
