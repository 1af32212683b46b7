// Table tests: every check has a valid world (no finding) and an invalid one (a finding on the expected object and field).
import { describe, expect, it } from 'vitest';
import { Ctx } from './context';
import { CHECKS } from './registry';
import type { CheckCase } from './testing/cases';
import { GKE_CASES } from './testing/cases-gke';
import { ROUTING_CASES } from './testing/cases-routing';
import { SECURITY_CASES } from './testing/cases-security';
import { WORKLOAD_CASES } from './testing/cases-workloads';
import { snapshotOf, type World } from './testing/objects';

const CASES: CheckCase[] = [...ROUTING_CASES, ...SECURITY_CASES, ...WORKLOAD_CASES, ...GKE_CASES];
const run = (c: CheckCase, world: World) => c.check.run(new Ctx(snapshotOf(world), { rootNamespace: 'istio-system' })).map(({ item: _item, ...f }) => f);

describe('checks', () => {
  it('every registered check has a table case', () => {
    const covered = new Set(CASES.map((c) => c.check));
    expect(CHECKS.filter((c) => !covered.has(c)).map((c) => `${c.code} ${c.name}`)).toEqual([]);
    expect(CHECKS.length).toBeGreaterThanOrEqual(25);
  });

  describe.each(CASES.map((c) => [`${c.check.code} ${c.check.name}: ${c.title}`, c] as const))('%s', (_title, c) => {
    it('reports nothing on the valid fixture', () => {
      expect(run(c, c.valid)).toEqual([]);
    });
    it('reports the invalid fixture', () => {
      const findings = run(c, c.invalid);
      expect(findings.length).toBeGreaterThan(0);
      const f = findings[0]!;
      expect({ code: f.code, name: f.name, severity: f.severity, kind: f.kind, objectName: f.objectName, path: f.path, cluster: f.cluster }).toEqual({
        code: c.check.code,
        name: c.check.name,
        severity: c.check.severity,
        kind: c.expect.kind,
        objectName: c.expect.name,
        path: c.expect.path,
        cluster: c.expect.cluster,
      });
      expect(f.message.length).toBeGreaterThan(10);
    });
  });
});
