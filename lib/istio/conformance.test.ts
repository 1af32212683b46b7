// Every Istio object in Istio's own analyzer test data (../shared/conformance/istio-analyze) must
// parse: the analyzers read them, so the schemas must not reject configurations Istio accepts.
// Test-only file: it reads fixtures with node:fs (the modules under lib/ stay isomorphic).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { istioKindByApiVersionKind } from './kinds';
import { validateIstioObject } from './validate';

const TESTDATA = fileURLToPath(new URL('../../../shared/conformance/istio-analyze/testdata/', import.meta.url));

/**
 * Objects that are invalid on purpose (`file: kind/namespace/name`), each with the reason Istio's
 * own validation would reject it. The analyzers get them anyway because they read files directly.
 */
const INTENTIONALLY_INVALID: Record<string, [field: string, reason: string][]> = {
  // Both Gateways' servers have hosts but no port: Istio requires server.port (the file tests how the
  // conflicting-gateway analyzer copes with a missing port).
  'conflicting-gateways-invalid-port.yaml: Gateway/default/beta': [['spec.servers[0].port', 'FieldValueRequired']],
  'conflicting-gateways-invalid-port.yaml: Gateway/default/alpha': [['spec.servers[0].port', 'FieldValueRequired']],
  // `route: [{}, {destination: ...}]` ("test destination null"): Istio requires route[].destination, and
  // two destinations without weights sum to 0.
  'virtualservice_destinationhosts.yaml: VirtualService/default/reviews-bogushost': [
    ['spec.http[0].route[0].destination', 'FieldValueRequired'],
    ['spec.http[0].route', 'FieldValueInvalid'],
  ],
};

interface Loaded {
  id: string;
  obj: unknown;
}

function loadIstioObjects(): Loaded[] {
  const out: Loaded[] = [];
  for (const file of readdirSync(TESTDATA).filter((f) => f.endsWith('.yaml')).sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(TESTDATA, file), 'utf8'))) {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
      const obj = doc.toJS() as { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } };
      if (!obj || !istioKindByApiVersionKind(String(obj.apiVersion), String(obj.kind))) continue;
      const id = `${file}: ${obj.kind}/${obj.metadata?.namespace ?? 'default'}/${obj.metadata?.name}`;
      out.push({ id, obj });
    }
  }
  return out;
}

describe('Istio analyzer test data', () => {
  const objects = loadIstioObjects();

  it('contains the Istio objects the conformance cases use', () => {
    expect(objects.length).toBeGreaterThan(100);
    for (const id of Object.keys(INTENTIONALLY_INVALID)) {
      expect(objects.map((o) => o.id), `excluded object ${id} not found`).toContain(id);
    }
  });

  it('parses every object that is not invalid on purpose', () => {
    const failures = objects
      .filter((o) => !(o.id in INTENTIONALLY_INVALID))
      .map((o) => ({ id: o.id, result: validateIstioObject(o.obj) }))
      .flatMap(({ id, result }) => (result.ok ? [] : result.causes.map((c) => `${id}: ${c.field}: ${c.message}`)));
    expect(failures).toEqual([]);
  });

  it('rejects the intentionally invalid objects for the documented reason only', () => {
    for (const o of objects.filter((x) => x.id in INTENTIONALLY_INVALID)) {
      const result = validateIstioObject(o.obj);
      expect(result.ok ? [] : result.causes.map((c) => [c.field, c.reason]), o.id).toEqual(INTENTIONALLY_INVALID[o.id]);
    }
  });
});
