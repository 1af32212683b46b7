#!/usr/bin/env node
// `npm run bench:graph`: (1) the pure build time of the graph pipeline at 1,000 and 5,000 nodes
// (~4 edges per node); (2) on the demo mesh scaled up with synthetic services, the time of
// GET /api/graph against the time of its own Prometheus queries (Server-Timing), as a ratio.
// Goals (issue): 5,000-node build < 150 ms; /api/graph / Prometheus <= 1.2.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { run, stopAll } from './lib/proc.mjs';

const ROOT = join(import.meta.dirname, '..');
const { values: opts } = parseArgs({ options: { synthetic: { type: 'string', default: '1000' }, 'skip-api': { type: 'boolean', default: false } } });

console.log('== pure build (server/graph/bench.ts)');
const code = await run(process.execPath, ['--conditions=react-server', '--import', 'tsx', join(ROOT, 'scripts', 'bench', 'graph-build.ts')], { cwd: ROOT });
if (code !== 0) process.exit(code);
if (opts['skip-api']) process.exit(0);

const { buildConsole } = await import('./lib/build.mjs');
const { startStack } = await import('./lib/stack.mjs');
process.env.NEXT_DIST_DIR ||= '.next';
if ((await buildConsole()) !== 0) process.exit(1);
const synthetic = Number(opts.synthetic);
console.log(`\n== /api/graph on the demo mesh with ${synthetic} synthetic services`);
const state = await startStack({
  stateDir: join(ROOT, '.stack-bench'),
  reset: true,
  syntheticServices: synthetic,
  ports: { console: 3390, prometheus: 19490, alertmanager: 19590, api: 26690, control: 27390 },
});
try {
  // Let Prometheus gather a few scrapes so rate() has data.
  await new Promise((r) => setTimeout(r, 30_000));
  for (const graphType of ['workload', 'versionedApp', 'service']) {
    const rows = [];
    for (let i = 0; i < 6; i++) {
      // A distinct queryTime per request: each one is computed, not served from the TTL cache.
      const queryTime = Math.floor(Date.now() / 1000) - i;
      const t0 = performance.now();
      const res = await fetch(`${state.consoleUrl}/api/graph?graphType=${graphType}&duration=1m&queryTime=${queryTime}`);
      const body = await res.json();
      const total = performance.now() - t0;
      const timing = Object.fromEntries((res.headers.get('server-timing') ?? '').split(',').map((p) => {
        const [name, dur] = p.trim().split(';dur=');
        return [name, Number(dur)];
      }));
      if (i > 0) rows.push({ total, prom: timing.prometheus, build: timing.build, nodes: body.nodes?.length, edges: body.edges?.length });
    }
    const med = (k) => rows.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(rows.length / 2)];
    console.log(
      `api    ${graphType.padEnd(12)} ${String(rows[0].nodes).padStart(5)} nodes ${String(rows[0].edges).padStart(6)} edges  /api/graph ${med('total').toFixed(0).padStart(5)} ms  Prometheus ${med('prom').toFixed(0).padStart(5)} ms  build ${med('build').toFixed(0).padStart(4)} ms  ratio ${(med('total') / med('prom')).toFixed(2)}`,
    );
  }
} finally {
  await stopAll();
}
