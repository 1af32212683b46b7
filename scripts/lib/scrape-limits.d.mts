// Types of scrape-limits.mjs for the TypeScript tests that import it.
export declare const BASE_SCRAPE_S: number;
export interface ScrapeTiming {
  intervalS: number;
  timeoutS: number;
  raised: boolean;
  slowestMs: number;
  message: string;
}
export declare function scrapeTiming(slowestMs: number, baseS?: number): ScrapeTiming;
export declare function measureMetricsPages(controlUrl: string, clusters: string[], opts?: { rounds?: number; timeoutMs?: number }): Promise<number>;
