import 'server-only';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createControlServer } from './control';
import { createMcsController, seedGkeCluster } from './gke';
import { CONSOLE_CLIENT_ID, SCOPES, createIdpServer, demoUsersForState, seedDemoGrants } from './idp';
import { createKubeApiServer, loadClusterStore, persistClusterStore, type ClusterStore } from './kube';
import { serveFlavor } from './kube/resources';
import { demoKubeconfig } from './kubeconfig';
import { seedCluster } from './mesh';
import { createScenarioState } from './scenarios';
import { createSimulation } from './sim';
import { DEMO_FLAVORS, FLAVOR_CLUSTERS, type DemoClusterName, type DemoFlavor } from './types';

// The demo mesh process: simulated clusters (Kubernetes API per cluster), their traffic and
// control plane, the control port, and the demo's OpenID Provider. Flavours:
//   default  three clusters (us-east, eu-west, ap-south), multi-primary Istio, istiod in each,
//            the upstream MCS API (multicluster.x-k8s.io);
//   gke      the reference architecture: a GKE fleet (cluster-a, cluster-b) with GKE's MCS
//            (net.gke.io, the MCS controller simulated by gke/mcs-controller.ts) and a Cloud
//            Service Mesh managed control plane (ControlPlaneRevision, no istiod).
// Run:
//   node --conditions=react-server --import tsx server/demo/main.ts --state-dir .demo
//   --api-port 16443 --control-port 17070 --idp-port 17080 [--console-url http://127.0.0.1:3000]
//   [--flavor default|gke] [--reset] [--synthetic-services N]

const { values: args } = parseArgs({
  options: {
    'state-dir': { type: 'string', default: '.demo' },
    'api-port': { type: 'string', default: '16443' },
    'control-port': { type: 'string', default: '17070' },
    'idp-port': { type: 'string', default: '17080' },
    /** Where the console runs (repeatable): the IdP's redirect URIs for the console derive from it. */
    'console-url': { type: 'string', multiple: true, default: ['http://127.0.0.1:3000'] },
    'synthetic-services': { type: 'string', default: '0' },
    flavor: { type: 'string', default: 'default' },
    reset: { type: 'boolean', default: false },
  },
});

function port(name: 'api-port' | 'control-port' | 'idp-port'): number {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`--${name} must be a port number, got "${args[name]}"`);
  return n;
}

async function writeAtomic(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

function flavorOf(value: string | undefined): DemoFlavor {
  const f = DEMO_FLAVORS.find((x) => x === value);
  if (!f) throw new Error(`--flavor must be one of ${DEMO_FLAVORS.join(', ')}, got "${value}"`);
  return f;
}

/** The seed options of the saved state; a different request starts that state over. */
async function seedChanged(stateDir: string, synthetic: number, flavor: DemoFlavor): Promise<boolean> {
  try {
    const saved = JSON.parse(await readFile(join(stateDir, 'mesh.json'), 'utf8')) as { syntheticServices?: number; flavor?: DemoFlavor };
    return (saved.syntheticServices ?? 0) !== synthetic || (saved.flavor ?? 'default') !== flavor;
  } catch {
    return false;
  }
}

function seed(store: ClusterStore, cluster: DemoClusterName, syntheticServices: number, flavor: DemoFlavor): void {
  // The seed's uids are kept (ownerReferences name them); creation time is now, as on a new cluster.
  for (const obj of flavor === 'gke' ? seedGkeCluster(cluster) : seedCluster(cluster, { syntheticServices })) {
    const { creationTimestamp: _fixed, ...metadata } = obj.metadata;
    store.create({ ...obj, metadata }, { keepIdentity: true });
  }
}

async function main(): Promise<void> {
  const stateDir = resolve(args['state-dir']);
  const apiPort = port('api-port');
  const controlPort = port('control-port');
  const idpPort = port('idp-port');
  const flavor = flavorOf(args.flavor);
  const clusters = FLAVOR_CLUSTERS[flavor];
  // Which kinds the API servers serve (GKE's groups in the gke flavour): before any store exists.
  serveFlavor(flavor);
  const synthetic = flavor === 'gke' ? 0 : Math.max(0, Math.floor(Number(args['synthetic-services']) || 0));
  await mkdir(stateDir, { recursive: true });
  const reset = args.reset || (await seedChanged(stateDir, synthetic, flavor));
  if (reset && !args.reset) console.log(`[demo] flavour ${flavor}, synthetic services ${synthetic}: starting from the seed`);

  const idp = await createIdpServer({ stateDir, port: idpPort, consoleUrls: args['console-url'] });
  await idp.start().catch((e: NodeJS.ErrnoException) => {
    throw new Error(e.code === 'EADDRINUSE' ? `port ${idpPort} is in use; choose another with --idp-port` : e.message);
  });

  const stores: Partial<Record<DemoClusterName, ClusterStore>> = {};
  const persisted: ReturnType<typeof persistClusterStore>[] = [];
  for (const cluster of clusters) {
    const { store, restored } = await loadClusterStore(cluster, { stateDir, reset });
    if (!restored) seed(store, cluster, synthetic, flavor);
    // Before the API server reconciles its bootstrap roles: a store without RBAC gets the demo grants.
    if (seedDemoGrants(store)) console.log(`[demo] ${cluster}: seeded the demo users' RBAC grants`);
    stores[cluster] = store;
    persisted.push(persistClusterStore(store, { stateDir }));
    console.log(`[demo] ${cluster}: ${restored ? 'restored' : 'seeded'} (resourceVersion ${store.resourceVersion})`);
  }

  // kube-apiserver's --oidc-issuer-url, --oidc-client-id, --oidc-username-claim=preferred_username,
  // --oidc-groups-claim=groups, no prefixes: RBAC subjects are the plain names (alice, mesh-admins).
  const oidc = { issuerUrl: idp.issuer, clientId: CONSOLE_CLIENT_ID, usernameClaim: 'preferred_username', groupsClaim: 'groups' };
  const apis = clusters.map((cluster, i) => createKubeApiServer({ cluster, store: stores[cluster]!, port: apiPort + i, oidc }));
  for (const api of apis) {
    await api.start().catch((e: NodeJS.ErrnoException) => {
      throw new Error(e.code === 'EADDRINUSE' ? `port ${api.url} is in use; choose another first port with --api-port` : e.message);
    });
  }

  const scenarios = createScenarioState();
  scenarios.onClusterReachability((cluster, reachable) => {
    const api = apis.find((a) => a.cluster === cluster);
    void (reachable ? api?.start() : api?.stop())?.then(() => console.log(`[demo] ${cluster} API ${reachable ? 'back' : 'cut off'}`));
  });
  // GKE's MCS controller: imports, derived Services and EndpointSlices, export conditions.
  const mcs = flavor === 'gke' ? createMcsController({ stores }) : undefined;
  mcs?.start();
  const sim = createSimulation({ views: stores, scenarios });
  sim.start();

  // The files first, the control port (whose /healthz says "ready") last.
  const contexts = apis.map((a) => ({ name: a.cluster, url: a.httpsUrl }));
  await writeAtomic(join(stateDir, 'kubeconfig'), demoKubeconfig(contexts, 'editor'));
  await writeAtomic(join(stateDir, 'kubeconfig-viewer'), demoKubeconfig(contexts, 'viewer'));
  const idpState = { issuer: idp.issuer, clientId: idp.client.id, clientSecret: idp.client.secret, redirectUris: idp.client.redirectUris, postLogoutRedirectUris: idp.client.postLogoutRedirectUris, scopes: SCOPES, users: demoUsersForState() };
  const mesh = { flavor, syntheticServices: synthetic, controlUrl: `http://127.0.0.1:${controlPort}`, clusters: apis.map((a) => ({ name: a.cluster, url: a.url, httpsUrl: a.httpsUrl })), idp: idpState };
  await writeAtomic(join(stateDir, 'mesh.json'), `${JSON.stringify(mesh, null, 2)}\n`);

  const control = createControlServer({ port: controlPort, views: stores, sim, scenarios, managedControlPlane: flavor === 'gke' });
  await control.start().catch((e: NodeJS.ErrnoException) => {
    throw new Error(e.code === 'EADDRINUSE' ? `port ${controlPort} is in use; choose another with --control-port` : e.message);
  });
  console.log(`[demo] ${flavor} mesh ready: APIs ${apis.map((a) => `${a.cluster}=${a.httpsUrl}`).join(' ')}, control http://127.0.0.1:${controlPort}, IdP ${idp.issuer}`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    sim.stop();
    mcs?.stop();
    await Promise.allSettled([...apis.map((a) => a.stop()), control.stop(), idp.stop()]);
    await Promise.allSettled(persisted.map((p) => p.close()));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((e: unknown) => {
  console.error(`[demo] ${(e as Error).message}`);
  process.exit(1);
});
