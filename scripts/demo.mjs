#!/usr/bin/env node
// `npm run demo`: the console on the embedded demo mesh, from a fresh machine.
// Installs dependencies if missing, ensures Prometheus/Alertmanager (Debian), builds the console,
// starts the demo mesh, Prometheus, Alertmanager and the console; Ctrl-C stops every child.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const { values: opts } = parseArgs({
  options: {
    'console-port': { type: 'string' },
    'prometheus-port': { type: 'string' },
    'alertmanager-port': { type: 'string' },
    'api-port': { type: 'string' },
    'control-port': { type: 'string' },
    'idp-port': { type: 'string' },
    auth: { type: 'string', default: 'anonymous' },
    'state-dir': { type: 'string' },
    'synthetic-services': { type: 'string', default: '0' },
    flavor: { type: 'string', default: 'default' },
    'read-only': { type: 'boolean', default: false },
    reset: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (opts.help) {
  console.log(`npm run demo [-- options]
  --console-port N        console (default 3000)
  --prometheus-port N     Prometheus (default 9090)
  --alertmanager-port N   Alertmanager (default 9093)
  --api-port N            first cluster API port; the clusters use N, N+1, ... (default 16443)
  --control-port N        demo control port: scenarios, metrics, istiod (default 17070)
  --idp-port N            the demo's OpenID Provider (default 17080)
  --auth STRATEGY         how the console knows its users: anonymous (default), header
                          (X-Forwarded-User from a trusted proxy), token (the user's own
                          Kubernetes token), openid (sign-in at the demo's OpenID Provider)
  --flavor NAME           default: three clusters us-east, eu-west, ap-south (multi-primary
                          Istio, istiod in each, the upstream MCS API); gke: the reference
                          architecture, a GKE fleet cluster-a + cluster-b with GKE's MCS
                          (net.gke.io ServiceExport/ServiceImport, gke-mcs-* derived Services)
                          and a Cloud Service Mesh managed control plane (no istiod)
  --state-dir DIR         where state, kubeconfig and logs go (default .demo, .demo-gke for gke)
  --synthetic-services N  add N synthetic services to the mesh (for scale; default flavour)
  --read-only             start the console in read-only mode
  --reset                 start the demo mesh from its seed, forgetting changes`);
  process.exit(0);
}

const { run, stopAll } = await import('./lib/proc.mjs');
const { AUTH_STRATEGIES } = await import('./lib/stack.mjs');
if (!['default', 'gke'].includes(opts.flavor)) {
  console.error(`demo: --flavor must be default or gke, not "${opts.flavor}"`);
  process.exit(2);
}
if (!AUTH_STRATEGIES.includes(opts.auth)) {
  console.error(`demo: --auth must be one of ${AUTH_STRATEGIES.join(', ')}, not "${opts.auth}"`);
  process.exit(2);
}

if (!existsSync(join(ROOT, 'node_modules', 'next'))) {
  console.log('Installing dependencies (npm ci)…');
  if ((await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT })) !== 0) process.exit(1);
}
if ((await run('bash', [join(ROOT, 'scripts', 'ensure-tools.sh')])) !== 0) process.exit(1);

const { buildConsole } = await import('./lib/build.mjs');
const { DEFAULT_PORTS, startStack } = await import('./lib/stack.mjs');
if ((await buildConsole()) !== 0) {
  console.error('demo: the console did not build (see above)');
  process.exit(1);
}

const port = (name, def) => {
  const v = opts[`${name}-port`];
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    console.error(`demo: --${name}-port must be a port number, got "${v}"`);
    process.exit(2);
  }
  return n;
};
const ports = {
  console: port('console', DEFAULT_PORTS.console),
  prometheus: port('prometheus', DEFAULT_PORTS.prometheus),
  alertmanager: port('alertmanager', DEFAULT_PORTS.alertmanager),
  api: port('api', DEFAULT_PORTS.api),
  control: port('control', DEFAULT_PORTS.control),
  idp: port('idp', DEFAULT_PORTS.idp),
};

let stopping = false;
const shutdown = async (code) => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the demo…');
  await stopAll();
  process.exit(code);
};
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  const state = await startStack({
    stateDir: join(ROOT, opts['state-dir'] ?? (opts.flavor === 'gke' ? '.demo-gke' : '.demo')),
    flavor: opts.flavor,
    ports,
    reset: opts.reset,
    readOnly: opts['read-only'],
    auth: opts.auth,
    syntheticServices: Number(opts['synthetic-services']) || 0,
  });
  const users = state.idp.users.map((u) => `${`${u.name} / ${u.password}`.padEnd(22)}${u.groups.join(', ')}`).join('\n               ');
  console.log(`
Meridian is running on the demo mesh: ${state.consoleUrl} (auth: ${state.auth})

  clusters     ${state.clusters.map((c) => `${c.name} ${c.apiUrl}`).join(', ')}
  kubectl      KUBECONFIG=${state.kubeconfig} ${
    state.flavor === 'gke'
      ? `kubectl get serviceexports.net.gke.io,serviceimports.net.gke.io -A --context cluster-b
               kubectl get controlplanerevisions -n istio-system`
      : `kubectl get vs -A
               kubectl auth can-i update virtualservices -n bookinfo --as alice`
  }
  IdP          ${state.idp.issuer}  (OpenID Provider; the console's client is "${state.idp.clientId}")
  users        ${users}
  Prometheus   ${state.prometheusUrl}    Alertmanager ${state.alertmanagerUrl}
  scraping     ${state.scrape.raised ? '⚠ ' : ''}${state.scrape.message}
  scenarios    curl ${state.controlUrl}/scenarios
  logs         ${state.logs}

Press Ctrl-C to stop.`);
} catch (e) {
  console.error(`demo: ${e.message}`);
  await shutdown(1);
}
