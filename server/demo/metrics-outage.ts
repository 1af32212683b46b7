import 'server-only';
import type { ServerResponse } from 'node:http';
import type { ScenarioState } from './scenarios';

// The telemetry-outage scenario on the control port's metrics route. "hang" holds each request
// without a byte of answer, as a wedged or firewalled exporter does: Prometheus gives up at its scrape
// timeout ("context deadline exceeded") and closes the connection, which releases the hold. When the
// outage ends, a request still held (a patient curl) gets the metrics; a hold never outlives
// `maxHoldMs`. "error" answers 503 at once (an exporter that is up but failing).

export interface MetricsOutage {
  /** True when the outage answered or holds the request; false: serve it as usual. */
  intercept(cluster: string, res: ServerResponse, serve: () => void): boolean;
  /** Requests held now (tests, diagnostics). */
  held(): number;
  /** Drops every held request and stops listening to the scenarios. */
  close(): void;
}

export function createMetricsOutage(scenarios: ScenarioState, opts: { maxHoldMs?: number } = {}): MetricsOutage {
  const maxHoldMs = opts.maxHoldMs ?? 120_000;
  const holds = new Set<{ cluster: string; res: ServerResponse; release(): void }>();
  const unsubscribe = scenarios.onChange(() => {
    for (const h of [...holds]) if (scenarios.metricsOutage(h.cluster) !== 'hang') h.release();
  });
  const unavailable = (res: ServerResponse, cluster: string) =>
    res.writeHead(503, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end(`metrics of ${cluster} unavailable (scenario telemetry-outage)\n`);

  return {
    intercept(cluster, res, serve) {
      const mode = scenarios.metricsOutage(cluster);
      if (!mode) return false;
      if (mode === 'error') {
        unavailable(res, cluster);
        return true;
      }
      const done = () => {
        holds.delete(hold);
        clearTimeout(timer);
      };
      const hold = {
        cluster,
        res,
        release() {
          done();
          if (!res.writableEnded && !res.destroyed) serve();
        },
      };
      const timer = setTimeout(() => {
        done();
        if (!res.writableEnded && !res.destroyed) unavailable(res, cluster);
      }, maxHoldMs);
      timer.unref?.();
      res.on('close', done);
      holds.add(hold);
      return true;
    },
    held: () => holds.size,
    close() {
      unsubscribe();
      for (const h of holds) h.res.destroy();
      holds.clear();
    },
  };
}
