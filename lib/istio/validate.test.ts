import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateIstioObject, zodIssuesToCauses } from './validate';

describe('zodIssuesToCauses', () => {
  const schema = z.object({ name: z.string(), mode: z.enum(['A', 'B']).optional(), n: z.number().max(3).optional() });

  it('maps missing, unsupported and invalid values to Kubernetes reasons, without reportInput too', () => {
    const r = schema.safeParse({ mode: 'C', n: 4 });
    expect(zodIssuesToCauses(r.error?.issues ?? [])).toEqual([
      { field: 'name', message: 'Required value', reason: 'FieldValueRequired' },
      expect.objectContaining({ field: 'mode', reason: 'FieldValueNotSupported' }),
      expect.objectContaining({ field: 'n', reason: 'FieldValueInvalid' }),
    ]);
  });

  it('reports a union failure by its closest branch', () => {
    const u = z.object({ v: z.union([z.object({ a: z.string() }), z.object({ b: z.number(), c: z.number() })]) });
    const r = u.safeParse({ v: { b: 'x', c: 1 } });
    expect(zodIssuesToCauses(r.error?.issues ?? []).map((c) => c.field)).toEqual(['v.a']);
  });
});

describe('validateIstioObject', () => {
  it('rejects unknown kinds and missing apiVersion/kind at `kind`/`apiVersion`', () => {
    expect(validateIstioObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' } })).toMatchObject({
      ok: false,
      causes: [{ field: 'kind', reason: 'FieldValueNotSupported' }],
    });
    expect(validateIstioObject({ apiVersion: 'networking.istio.io/v1alpha3', kind: 'VirtualService' })).toMatchObject({
      ok: false,
      causes: [{ field: 'kind' }],
    });
    expect(validateIstioObject(null)).toMatchObject({ ok: false, causes: [{ field: 'kind', reason: 'FieldValueRequired' }] });
    expect(validateIstioObject({ kind: 'Gateway' })).toMatchObject({ ok: false, causes: [{ field: 'apiVersion' }] });
  });

  it('requires metadata.name', () => {
    const r = validateIstioObject({ apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: {} });
    expect(r).toEqual({
      ok: false,
      causes: [{ field: 'metadata.name', message: 'name or generateName is required', reason: 'FieldValueRequired' }],
    });
  });
});
