#!/usr/bin/env node
// npm run bench:ui — time from "graph data ready" to the first complete draw (cytoscape 'render'
// after layoutstop with every element) in Chromium, for synthetic graphs of 200, 1,000 and 5,000
// nodes (~2 edges per node, 3 clusters x 4 namespaces), drawn by the production graph component on
// /bench/graph, a page only the bench build has (app/bench/graph/page.bench.tsx, served when
// next.config.js sees MERIDIAN_BENCH_BUILD=1). Builds the console that way into BENCH_DIST_DIR
// (default .next-bench) when sources changed, starts its production server on a free port, prints
// a table (median of --runs, default 3).
//   node scripts/bench-ui.mjs [--sizes 200,1000,5000] [--runs 3]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { buildConsole, productionServer } from './lib/build.mjs';
import { freePort } from './lib/proc.mjs';

const root = new URL('..', import.meta.url).pathname;
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const sizes = arg('sizes', '200,1000,5000').split(',').map(Number);
const runs = Number(arg('runs', '3'));
const dist = process.env.BENCH_DIST_DIR || '.next-bench';
const GOALS = { 1000: 2000, 5000: 6000 };

async function ensureBuild() {
  if ((await buildConsole({ dist, env: { MERIDIAN_BENCH_BUILD: '1' } })) !== 0) throw new Error('the console did not build (see above)');
}

async function startConsole(port) {
  // The bench page needs no cluster; the server still wants a kubeconfig: one unreachable cluster.
  const dir = mkdtempSync(join(tmpdir(), 'meridian-bench-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: bench\n  cluster:\n    server: https://127.0.0.1:9\n    insecure-skip-tls-verify: true\ncontexts:\n- name: bench\n  context:\n    cluster: bench\n    user: bench\nusers:\n- name: bench\n  user:\n    token: none\ncurrent-context: bench\n`,
  );
  const [node, ...args] = productionServer(dist).command;
  const child = spawn(node, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), HOSTNAME: '127.0.0.1', KUBECONFIG: kubeconfig, MERIDIAN_CONFIG: '', MERIDIAN_SESSION_SECRET: randomBytes(32).toString('base64url') },
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the console exited: ${log}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/healthz`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill();
  throw new Error(`the console did not answer within 60 s: ${log}`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  await ensureBuild();
  const port = await freePort();
  const server = await startConsole(port);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const rows = [];
  mkdirSync(join(root, 'test-results'), { recursive: true });
  try {
    for (const n of sizes) {
      const results = [];
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await page.goto(`http://127.0.0.1:${port}/bench/graph?nodes=${n}`);
        await page.waitForFunction(() => window.__benchResult !== undefined, undefined, { timeout: 180_000, polling: 200 });
        results.push(await page.evaluate(() => window.__benchResult));
        if (i === 0 && n === sizes[sizes.length - 1]) await page.screenshot({ path: join(root, `test-results/bench-ui-${n}.png`) }).catch(() => {});
        await page.close();
      }
      const r = results[0];
      const total = median(results.map((x) => x.totalMs));
      rows.push({
        nodes: n,
        edges: r.edges,
        transform: median(results.map((x) => x.transformMs)),
        layout: median(results.map((x) => x.layoutMs)),
        total,
        how: r.layout,
        goal: GOALS[n] ? `${total < GOALS[n] ? 'met' : 'MISSED'} (< ${GOALS[n] / 1000} s)` : '',
      });
    }
  } finally {
    await browser.close();
    server.kill();
  }
  const ms = (v) => `${(v / 1000).toFixed(2)} s`;
  console.log(`\nGraph draw in Chromium: data ready -> first complete draw (median of ${runs}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine)`);
  console.log('| nodes | edges | elements built | layout done | first complete draw | layout | goal |');
  console.log('|---:|---:|---:|---:|---:|---|---|');
  for (const r of rows) console.log(`| ${r.nodes} | ${r.edges} | ${ms(r.transform)} | ${ms(r.layout)} | ${ms(r.total)} | ${r.how} | ${r.goal} |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
