// The demo's scrape interval and timeout, from what its metrics pages cost. The demo scrapes every 2 s;
// with thousands of synthetic services a metrics page takes seconds, and a Prometheus whose scrape
// timeout is shorter than that never gets a sample: every mesh target down, an empty graph. So the
// stack GETs every cluster's page at once (as Prometheus scrapes them: they share one demo process)
// before it writes prometheus.yml, and raises interval and timeout to twice the slowest page when 2 s
// is not enough, saying so.

export const BASE_SCRAPE_S = 2;
/** Pages grow as traffic adds label sets, and the console's queries compete for the same cores. */
const HEADROOM = 2;

/** Interval and timeout (s) for the slowest measured page (ms), with the sentence that states it. */
export function scrapeTiming(slowestMs, baseS = BASE_SCRAPE_S) {
  const took = slowestMs < 1000 ? `${Math.round(slowestMs)} ms` : `${(slowestMs / 1000).toFixed(1)} s`;
  const neededS = Math.ceil((slowestMs * HEADROOM) / 1000);
  if (neededS <= baseS) {
    return { intervalS: baseS, timeoutS: baseS, raised: false, slowestMs: Math.round(slowestMs), message: `Prometheus scrapes every ${baseS} s (the slowest metrics page took ${took})` };
  }
  return {
    intervalS: neededS,
    timeoutS: neededS,
    raised: true,
    slowestMs: Math.round(slowestMs),
    message: `the metrics pages take up to ${took} when scraped together, longer than a ${baseS} s scrape timeout: Prometheus scrapes every ${neededS} s with a ${neededS} s timeout (twice what was measured)`,
  };
}

/** GETs every cluster's metrics page at once, `rounds` times, and returns the slowest time in ms. */
export async function measureMetricsPages(controlUrl, clusters, { rounds = 2, timeoutMs = 180_000 } = {}) {
  let slowest = 0;
  for (let round = 0; round < rounds; round++) {
    const times = await Promise.all(
      clusters.map(async (c) => {
        const started = performance.now();
        const res = await fetch(`${controlUrl}/clusters/${c}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`the demo's metrics page of ${c} answered HTTP ${res.status}`);
        return performance.now() - started;
      }),
    );
    slowest = Math.max(slowest, ...times);
  }
  return slowest;
}
