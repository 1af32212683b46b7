// Exports the demo mesh's seeded objects as YAML, one folder per cluster (<dir>/<cluster>/<kind>.yaml),
// the way `kubectl get -o yaml` would give them: the offline input of `npm run analyze` in tests.
// Test-only: production code never imports server/demo.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
// Test-only module (used by demo.test.ts and by hand), so it may reach into the demo's seed.
// eslint-disable-next-line no-restricted-imports
import { seedCluster } from '@/server/demo/mesh';
// eslint-disable-next-line no-restricted-imports
import { DEMO_CLUSTERS } from '@/server/demo/types';

export function exportDemoMesh(dir: string): string[] {
  const files: string[] = [];
  for (const cluster of DEMO_CLUSTERS) {
    const byKind = new Map<string, unknown[]>();
    for (const o of seedCluster(cluster)) byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), o]);
    mkdirSync(join(dir, cluster), { recursive: true });
    for (const [kind, objects] of byKind) {
      const file = join(dir, cluster, `${kind.toLowerCase()}.yaml`);
      writeFileSync(file, objects.map((o) => stringify(o)).join('---\n'));
      files.push(file);
    }
  }
  return files;
}

if (process.argv[1] && /demo-export\.ts$/.test(process.argv[1])) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: demo-export.ts <dir>');
  console.log(exportDemoMesh(dir).join('\n'));
}
