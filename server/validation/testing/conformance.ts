// Scoring of Meridian's checks against istioctl analyze's own test cases
// (../shared/conformance/istio-analyze, see its README for the rules). Test-only helper.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '@/lib/validation/types';
import { analyzeSnapshot } from '../index';
import { snapshotFromYaml } from '../offline';

/** shared/ sits beside the repository (../shared from the repo root), wherever the repo is cloned. */
export const CONFORMANCE_DIR = fileURLToPath(new URL('../../../../shared/conformance/istio-analyze/', import.meta.url));

export interface ConformanceCase {
  name: string;
  analyzer: string;
  files: string[];
  expected: { code: string; type: string; resource: string }[];
  codes: string[];
}

export interface CaseResult {
  name: string;
  passed: boolean;
  found: string[];
  missed: string[];
  /** Findings of the analyzer's codes that the case does not expect. */
  extra: string[];
}

export function loadCases(dir = CONFORMANCE_DIR): ConformanceCase[] {
  if (!existsSync(join(dir, 'cases.json'))) throw new Error(`conformance cases not found in ${dir} (shared/ must sit beside the repository)`);
  return JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as ConformanceCase[];
}

function resourceOf(f: Finding): string {
  return f.namespace !== undefined ? `${f.kind} ${f.namespace}/${f.objectName}` : `${f.kind} ${f.objectName}`;
}

/** `Kind name` (input without namespace) is the object in `default`. */
function sameResource(expected: string, f: Finding): boolean {
  const [kind, ref = ''] = expected.split(' ');
  if (kind !== f.kind) return false;
  const [ns, name] = ref.includes('/') ? ref.split('/') : [undefined, ref];
  return name === f.objectName && (ns === f.namespace || (ns === undefined && (f.namespace === undefined || f.namespace === 'default')));
}

export function runCase(c: ConformanceCase, dir = CONFORMANCE_DIR): CaseResult {
  const inputs = c.files.map((file) => ({ file, text: readFileSync(join(dir, 'testdata', file), 'utf8') }));
  const offline = snapshotFromYaml(inputs);
  const findings = analyzeSnapshot(offline.snapshot, { extra: offline.extra, assumeDefaultIngress: true });
  const ofCodes = findings.filter((f) => c.codes.includes(f.code));
  const found: string[] = [];
  const missed: string[] = [];
  for (const e of c.expected) {
    const label = `${e.code} ${e.resource}`;
    if (ofCodes.some((f) => f.code === e.code && sameResource(e.resource, f))) found.push(label);
    else missed.push(label);
  }
  const extra = ofCodes
    .filter((f) => !c.expected.some((e) => e.code === f.code && sameResource(e.resource, f)))
    .map((f) => `${f.code} ${resourceOf(f)}: ${f.message}`);
  const forbidden = c.expected.length === 0 && ofCodes.some((f) => f.code !== 'IST0101');
  return { name: c.name, passed: missed.length === 0 && !forbidden, found: [...new Set(found)], missed: [...new Set(missed)], extra };
}

export function scoreReport(results: CaseResult[]): string {
  const passed = results.filter((r) => r.passed).length;
  const lines = [`istio-analyze conformance: ${passed}/${results.length} cases passed`];
  for (const r of results) {
    lines.push(`  ${r.passed ? 'PASS' : 'FAIL'} ${r.name}: found ${r.found.length}, missed ${r.missed.length}, extra ${r.extra.length}`);
    for (const m of r.missed) lines.push(`      missed ${m}`);
    for (const x of r.extra) lines.push(`      extra  ${x}`);
  }
  return lines.join('\n');
}
