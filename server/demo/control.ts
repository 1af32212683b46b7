import 'server-only';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { clusterz, istiodMetrics, mcsz, syncz, type IstiodMetrics } from './istiod';
import { createMetricsOutage } from './metrics-outage';
import type { ScenarioState } from './scenarios';
import type { Simulation } from './sim';
import type { ClusterStoreView, DemoClusterName } from './types';

// The demo control port: the mesh's Istio proxy metrics and istiod endpoints per cluster (what a
// real Prometheus scrapes and the console reads through configured URLs), and the scenarios. With a
// managed control plane (the gke flavour) there is no istiod: its paths answer 404 saying so.

export interface ControlOptions {
  port: number;
  host?: string;
  /** The clusters of the running flavour. */
  views: Partial<Record<DemoClusterName, ClusterStoreView>>;
  sim: Simulation;
  scenarios: ScenarioState;
  /** The clusters' control plane is managed (Cloud Service Mesh): no istiod endpoints. */
  managedControlPlane?: boolean;
}

const MAX_BODY = 64 * 1024;

function send(res: ServerResponse, code: number, body: unknown, type = 'application/json') {
  const text = typeof body === 'string' ? body : `${JSON.stringify(body, null, 2)}\n`;
  res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' }).end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error(`body larger than ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

export function createControlServer(opts: ControlOptions): { start(): Promise<void>; stop(): Promise<void> } {
  const { sim, scenarios } = opts;
  const views = opts.views as Record<DemoClusterName, ClusterStoreView>;
  const clusters = Object.keys(views) as DemoClusterName[];
  const unreachableFrom = (self: string) => clusters.filter((c) => c !== self && scenarios.isCutOff(c));
  const istiod = new Map<DemoClusterName, IstiodMetrics>(
    opts.managedControlPlane ? [] : clusters.map((c) => [c, istiodMetrics(views[c], { certExpiresAt: () => scenarios.certExpiresAt(c), unreachable: () => unreachableFrom(c) })]),
  );
  const isCluster = (c: string | undefined): c is DemoClusterName => clusters.includes(c as DemoClusterName);
  const outage = createMetricsOutage(scenarios);
  const serveMetrics = (res: ServerResponse, cluster: DemoClusterName) => sim.metrics(cluster).then((text) => send(res, 200, text, sim.contentType));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://demo');
    const parts = url.pathname.split('/').filter(Boolean);
    if (url.pathname === '/healthz') return send(res, 200, { status: 'ok' });
    if (parts[0] === 'clusters') {
      const cluster = parts[1];
      if (!isCluster(cluster)) return send(res, 404, { error: `unknown cluster "${cluster}"; clusters: ${clusters.join(', ')}` });
      const rest = parts.slice(2).join('/');
      if (rest === 'metrics') {
        if (outage.intercept(cluster, res, () => void serveMetrics(res, cluster).catch((e: unknown) => send(res, 500, { error: String(e) })))) return;
        return serveMetrics(res, cluster);
      }
      if (rest.startsWith('istiod/') && opts.managedControlPlane) {
        return send(res, 404, { error: `cluster ${cluster} has a managed control plane (Cloud Service Mesh): no istiod runs there` });
      }
      if (rest === 'istiod/metrics') return send(res, 200, await istiod.get(cluster)!.metrics(), 'text/plain; version=0.0.4');
      if (rest.startsWith('istiod/debug/') && scenarios.isCutOff(cluster)) {
        return send(res, 503, { error: `cluster ${cluster} is cut off (scenario cluster-cut-off)` });
      }
      if (rest === 'istiod/debug/syncz') return send(res, 200, syncz(views[cluster], { stale: () => scenarios.staleProxies(cluster) }));
      if (rest === 'istiod/debug/mcsz') return send(res, 200, mcsz(Object.values(views)));
      if (rest === 'istiod/debug/clusterz') return send(res, 200, clusterz(Object.values(views), cluster, { unreachable: unreachableFrom(cluster) }));
      return send(res, 404, { error: `no such path ${url.pathname}` });
    }
    if (parts[0] === 'scenarios') {
      if (parts.length === 1 && req.method === 'GET') return send(res, 200, scenarios.list());
      const [, name, action] = parts;
      if (name && (action === 'start' || action === 'stop') && req.method === 'POST') {
        try {
          const info = action === 'start' ? scenarios.start(name, await readJson(req)) : scenarios.stop(name);
          return send(res, 200, info);
        } catch (e) {
          return send(res, 400, { error: (e as Error).message });
        }
      }
      return send(res, 404, { error: 'use GET /scenarios, POST /scenarios/<name>/start (JSON options) or /stop' });
    }
    return send(res, 404, { error: `no such path ${url.pathname}` });
  }

  let server: Server | undefined;
  return {
    async start() {
      server = createServer((req, res) => {
        handle(req, res).catch((e: unknown) => send(res, 500, { error: String(e) }));
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(opts.port, opts.host ?? '127.0.0.1', resolve);
      });
    },
    async stop() {
      outage.close();
      for (const m of istiod.values()) m.close();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server?.closeAllConnections();
    },
  };
}
