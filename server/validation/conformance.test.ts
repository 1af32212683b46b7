// Istio's own analyzer cases (../shared/conformance/istio-analyze): runs each case through the whole
// engine and prints the score (passed/total; per case the expected findings found, missed, and extra).
import { describe, expect, it } from 'vitest';
import { loadCases, runCase, scoreReport } from './testing/conformance';

describe('istioctl analyze conformance', () => {
  it('passes Istio\'s analyzer cases', () => {
    const cases = loadCases();
    const results = cases.map((c) => runCase(c));
    console.log(scoreReport(results));
    expect(cases.length).toBeGreaterThan(20);
    expect(results.filter((r) => !r.passed).map((r) => ({ name: r.name, missed: r.missed, extra: r.extra }))).toEqual([]);
  });
});
