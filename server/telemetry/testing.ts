import 'server-only';
import { createServer, type Server } from 'node:http';
import type { ActiveTarget } from './targets-api';

// Tests: a small HTTP server that speaks the part of Prometheus' API the telemetry checks use
// (POST /api/v1/query with the telemetry queries, GET /api/v1/targets), answering from a state the
// test sets. Sample times are relative to the query's `time`, as a real Prometheus' would be.

export interface FakePromState {
  /** Cluster -> age (s) of its newest istio_requests_total sample; absent: no series. */
  requests: Record<string, number>;
  tcp: Record<string, number>;
  /** Cluster -> mesh targets up/down as the `up` series count them; absent: no `up` series. */
  up: Record<string, { up: number; down: number }>;
  /** Cluster -> age (s) of the last sample within the look-back. */
  lastSeen: Record<string, number>;
  /** The targets API: an HTTP status without it (404 as Mimir), or the active targets. */
  targets: number | ActiveTarget[];
}

export interface FakeProm {
  url: string;
  state: FakePromState;
  /** Every PromQL query received, in order. */
  queries: string[];
  targetsCalls: number;
  close(): Promise<void>;
}

const emptyState = (): FakePromState => ({ requests: {}, tcp: {}, up: {}, lastSeen: {}, targets: 404 });

export async function fakePrometheus(initial: Partial<FakePromState> = {}): Promise<FakeProm> {
  const fake: FakeProm = { url: '', state: { ...emptyState(), ...initial }, queries: [], targetsCalls: 0, close: async () => undefined };
  const vector = (time: number, rows: { metric: Record<string, string>; value: number }[]) => ({
    status: 'success',
    data: { resultType: 'vector', result: rows.map((r) => ({ metric: r.metric, value: [time, String(r.value)] })) },
  });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      const url = new URL(req.url ?? '/', 'http://fake');
      if (url.pathname === '/api/v1/targets') {
        fake.targetsCalls++;
        const t = fake.state.targets;
        if (typeof t === 'number') return res.writeHead(t).end('404 page not found\n');
        return res.end(JSON.stringify({ status: 'success', data: { activeTargets: t, droppedTargets: [] } }));
      }
      if (url.pathname !== '/api/v1/query') return res.writeHead(404).end('{}');
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const query = form.get('query') ?? '';
      const time = Number(form.get('time') ?? Date.now() / 1000);
      fake.queries.push(query);
      const s = fake.state;
      const ages = (m: Record<string, number>) => Object.entries(m).map(([cluster, age]) => ({ metric: { cluster }, value: time - age }));
      let rows: { metric: Record<string, string>; value: number }[];
      if (query.startsWith('max_over_time')) rows = ages(s.lastSeen);
      else if (query.startsWith('count_values')) {
        rows = Object.entries(s.up).flatMap(([cluster, n]) => [
          ...(n.up ? [{ metric: { cluster, up: '1' }, value: n.up }] : []),
          ...(n.down ? [{ metric: { cluster, up: '0' }, value: n.down }] : []),
        ]);
      } else if (query.includes('istio_tcp')) rows = ages(s.tcp);
      else if (query.includes('istio_requests_total')) rows = ages(s.requests);
      else rows = [];
      res.end(JSON.stringify(vector(time, rows)));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  fake.close = () => new Promise<void>((r) => server.close(() => r()));
  return fake;
}
