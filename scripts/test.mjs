#!/usr/bin/env node
// `npm test`: every suite, in order — tools, lint, typecheck, unit, build, then the demo stack
// (demo mesh + real Prometheus + console) for the integration and e2e suites and the container
// image's smoke test against the same stack (suite "image": buildah, installed by ensure-tools.sh),
// then a small second stack of the demo's gke flavour (a GKE fleet: net.gke.io MCS, managed control
// plane) for the e2e specs of e2e/gke/ (Playwright project `gke`), started once and stopped after
// them. Ends with one line `N passed, N failed` over all of them; exits non-zero on any failure.
// `npm test -- e2e-gke` runs only the gke specs; MERIDIAN_E2E_GREP=<pattern> passes --grep to Playwright.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run, stopAll } from './lib/proc.mjs';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, '.test-run');
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const wants = (name) => only.length === 0 || only.includes(name);

rmSync(join(OUT, 'reports'), { recursive: true, force: true });
mkdirSync(join(OUT, 'reports'), { recursive: true });
const results = [];
const record = (suite, passed, failed, note = '') => {
  results.push({ suite, passed, failed, note });
  console.log(`\n── ${suite}: ${passed} passed, ${failed} failed${note ? ` (${note})` : ''}\n`);
};
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

async function check(suite, cmd, args, env) {
  console.log(`\n══ ${suite}: ${cmd} ${args.join(' ')}`);
  const code = await run(cmd, args, { cwd: ROOT, env });
  record(suite, code === 0 ? 1 : 0, code === 0 ? 0 : 1, code === 0 ? '' : `exit code ${code}`);
  return code === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

async function vitest(suite, config, env = {}) {
  const report = join(OUT, 'reports', `${suite}.json`);
  console.log(`\n══ ${suite}: vitest (${config})`);
  const code = await run(bin('vitest'), ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { cwd: ROOT, env });
  const r = readJson(report);
  if (!r) return record(suite, 0, 1, `no report (exit code ${code})`);
  const failed = r.numFailedTests + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) + (code !== 0 && r.numFailedTests === 0 ? 1 : 0);
  record(suite, r.numPassedTests, failed, r.numPendingTests ? `${r.numPendingTests} skipped counted as failed` : '');
}

async function playwright(env, suite = 'e2e', project = 'default') {
  const report = join(OUT, 'reports', `${suite}.json`);
  console.log(`\n══ ${suite}: playwright project ${project} (Debian Chromium)`);
  const grep = process.env.MERIDIAN_E2E_GREP ? ['--grep', process.env.MERIDIAN_E2E_GREP] : [];
  // MERIDIAN_E2E=alerts,telemetry runs only those specs (e2e/<name>.spec.ts) of the default project.
  const specs = project === 'default' ? (process.env.MERIDIAN_E2E ?? '').split(',').filter(Boolean).map((s) => `e2e/${s}.spec.ts`) : [];
  const code = await run(bin('playwright'), ['test', `--project=${project}`, ...grep, ...specs], { cwd: ROOT, env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report } });
  const r = readJson(report);
  if (!r) return record(suite, 0, 1, `no report (exit code ${code})`);
  const s = r.stats;
  const failed = s.unexpected + s.skipped + (code !== 0 && s.unexpected === 0 ? 1 : 0);
  record(suite, s.expected + s.flaky, failed, s.flaky ? `${s.flaky} flaky` : '');
}

/**
 * The test stack's ports; MERIDIAN_PORT_OFFSET moves them all, so two checkouts of the project can
 * run their suites side by side on one machine.
 */
function testPorts(shift = 0) {
  const offset = Number(process.env.MERIDIAN_PORT_OFFSET ?? 0);
  if (!Number.isInteger(offset) || offset < 0 || offset > 20_000) throw new Error(`MERIDIAN_PORT_OFFSET must be a whole number from 0 to 20000, not "${process.env.MERIDIAN_PORT_OFFSET}"`);
  const base = { console: 3100, prometheus: 19090, alertmanager: 19093, api: 26443, control: 27070, idp: 27080 };
  return Object.fromEntries(Object.entries(base).map(([k, v]) => [k, v + offset + shift]));
}
/** The gke stack's ports: the test stack's moved by 20 (console 3120, Prometheus 19110, APIs 26463-26464, ...). */
const GKE_PORT_SHIFT = 20;

let stackFailed = false;
process.on('SIGINT', async () => {
  await stopAll();
  process.exit(130);
});

const toolsOk = await check('tools', 'bash', [join(ROOT, 'scripts', 'ensure-tools.sh')]);
if (wants('lint')) await check('lint', bin('eslint'), ['--max-warnings=0', '.']);
if (wants('typecheck')) await check('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
if (wants('unit')) await vitest('unit', 'vitest.config.ts');

async function imageSuite(state) {
  console.log('\n══ image: build the container image, run its entrypoint against the demo stack');
  const { imageSmoke } = await import('./lib/image-smoke.mjs');
  const { checks, figures } = await imageSmoke({ state, logDir: join(OUT, 'logs') });
  const f = (n) => (n === undefined ? '?' : n.toFixed(1));
  const built = figures.imageSeconds ? `built in ${f(figures.imageSeconds)} s${figures.baseSeconds ? ` after the base image (${f(figures.baseSeconds)} s)` : ''}` : 'reused';
  const note = `${figures.size ?? '?'}, ${built}, cold start to ready ${f(figures.coldStartSeconds)} s, SIGTERM to exit ${f(figures.shutdownSeconds)} s`;
  record('image', checks.filter((c) => c.ok).length, checks.filter((c) => !c.ok).length, note);
}

let built;
async function build() {
  if (built === undefined) {
    const { buildConsole } = await import('./lib/build.mjs');
    built = (await buildConsole({ force: !!process.env.CI })) === 0;
    record('build', built ? 1 : 0, built ? 0 : 1);
  }
  return built;
}

const STACK_SUITES = ['integration', 'e2e', 'image'];
if (STACK_SUITES.some(wants)) {
  await build();
  let state;
  if (built && toolsOk) {
    const { startStack } = await import('./lib/stack.mjs');
    try {
      console.log('\n══ starting the demo stack for integration, e2e and image (.test-run/)');
      state = await startStack({ stateDir: OUT, reset: true, ports: testPorts() });
    } catch (e) {
      stackFailed = true;
      console.error(`demo stack did not start: ${e.message}`);
    }
  }
  const env = { MERIDIAN_TEST_STATE: join(OUT, 'state.json'), CI: process.env.CI ?? '' };
  for (const suite of STACK_SUITES) {
    if (!wants(suite)) continue;
    if (!state) record(suite, 0, 1, stackFailed ? 'demo stack did not start' : 'not run: build or tools failed');
    else if (suite === 'integration') await vitest('integration', 'vitest.integration.config.ts', env);
    else if (suite === 'e2e') await playwright(env);
    else await imageSuite(state);
  }
  await stopAll();
}

if (wants('e2e') || wants('e2e-gke')) {
  await build();
  let state;
  let failure = 'not run: build or tools failed';
  if (built && toolsOk) {
    const { startStack } = await import('./lib/stack.mjs');
    try {
      console.log('\n══ starting the gke flavour stack for e2e/gke (.test-run/gke/)');
      state = await startStack({ stateDir: join(OUT, 'gke'), reset: true, ports: testPorts(GKE_PORT_SHIFT), flavor: 'gke' });
    } catch (e) {
      stackFailed = true;
      failure = 'gke demo stack did not start';
      console.error(`gke demo stack did not start: ${e.message}`);
    }
  }
  if (!state) record('e2e-gke', 0, 1, failure);
  else await playwright({ MERIDIAN_TEST_STATE: join(OUT, 'gke', 'state.json'), CI: process.env.CI ?? '' }, 'e2e-gke', 'gke');
  await stopAll();
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log('\nSuites:');
for (const r of results) console.log(`  ${r.suite.padEnd(12)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(4)} failed ${r.note}`);
if (existsSync(join(OUT, 'logs'))) console.log(`  (demo stack logs: ${join(OUT, 'logs')})`);
if (existsSync(join(OUT, 'gke', 'logs'))) console.log(`  (gke stack logs: ${join(OUT, 'gke', 'logs')})`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
