import { createServer, type Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { measureMetricsPages, scrapeTiming } from './scrape-limits.mjs';

describe("the demo's scrape limits", () => {
  it('keep 2 s while the slowest metrics page takes under a second', () => {
    expect(scrapeTiming(120)).toEqual({ intervalS: 2, timeoutS: 2, raised: false, slowestMs: 120, message: 'Prometheus scrapes every 2 s (the slowest metrics page took 120 ms)' });
    expect(scrapeTiming(1000).raised).toBe(false);
  });

  it('raise interval and timeout to twice the slowest page, and say so', () => {
    const t = scrapeTiming(4100);
    expect(t).toMatchObject({ intervalS: 9, timeoutS: 9, raised: true, slowestMs: 4100 });
    expect(t.message).toBe(
      'the metrics pages take up to 4.1 s when scraped together, longer than a 2 s scrape timeout: Prometheus scrapes every 9 s with a 9 s timeout (twice what was measured)',
    );
  });

  describe('measurement', () => {
    let server: Server;
    let url = '';
    const delays: Record<string, number> = { 'us-east': 10, 'eu-west': 150 };
    afterAll(() => new Promise((r) => server.close(r)));

    it('GETs every cluster at once and returns the slowest; a failing page is an error naming the cluster', async () => {
      server = createServer((req, res) => {
        const cluster = (req.url ?? '').split('/')[2] ?? '';
        if (!(cluster in delays)) return res.writeHead(503).end();
        setTimeout(() => res.end('x'.repeat(1000)), delays[cluster]);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const slowest = await measureMetricsPages(url, ['us-east', 'eu-west'], { rounds: 1 });
      expect(slowest).toBeGreaterThanOrEqual(150);
      await expect(measureMetricsPages(url, ['us-east', 'ap-south'], { rounds: 1 })).rejects.toThrow("the demo's metrics page of ap-south answered HTTP 503");
    });
  });
});
