// `npm run analyze` on the demo mesh's exported configuration (a folder per cluster) finds the two
// deliberate misconfigurations of the seed (server/demo/mesh/content/bookinfo.ts) and nothing else.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingSchema } from '@/lib/validation/types';
import { exportDemoMesh } from './testing/demo-export';

const ROOT = join(import.meta.dirname, '..', '..');

function analyze(...args: string[]) {
  const r = spawnSync('npm', ['run', '--silent', 'analyze', '--', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run analyze on the demo mesh', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meridian-demo-export-'));
    exportDemoMesh(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the missing subset and the subset without pods, and fails with exit code 1', () => {
    const lines = analyze(dir);
    console.log(lines.stdout);
    expect(lines.code).toBe(1);
    const json = analyze(dir, '-o', 'json');
    expect(json.code).toBe(1);
    const findings = findingSchema.array().parse(JSON.parse(json.stdout));
    const problems = findings; // every finding, informational ones included
    expect(problems.map((f) => [f.code, f.cluster, f.kind, `${f.namespace}/${f.objectName}`, f.path])).toEqual([
      ['IST0101', 'ap-south', 'VirtualService', 'bookinfo/details', 'spec.http[0].route[1].destination.subset'],
      ['IST0173', 'eu-west', 'DestinationRule', 'bookinfo/ratings', 'spec.subsets[1]'],
    ]);
    expect(problems[0]?.message).toBe('Referenced host+subset in destinationrule not found: "details+v2"');
    // Each finding names the file and the line of its field.
    const at = (f: (typeof problems)[number]) => readFileSync(f.file ?? '', 'utf8').split('\n')[(f.line ?? 0) - 1]?.trim();
    expect(problems[0]?.file).toBe(join(dir, 'ap-south', 'virtualservice.yaml'));
    expect(at(problems[0]!)).toBe('subset: v2');
    expect(problems[1]?.file).toBe(join(dir, 'eu-west', 'destinationrule.yaml'));
    expect(at(problems[1]!)).toBe('- name: v2');
    // Nothing else, not even informational lines: legacy is opted out with istio-injection=disabled.
    // No finding on what is correct: reviews subset v3 (us-east rule, eu-west pods), STRICT mcs-demo, ...
    expect(findings.some((f) => f.objectName === 'reviews' || f.namespace === 'mcs-demo')).toBe(false);
  });
});
