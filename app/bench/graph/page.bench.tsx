import { BenchGraph } from '@/components/graph/bench/BenchGraph';

// Only in the bench build (next.config.js, MERIDIAN_BENCH_BUILD=1): the page scripts/bench-ui.mjs
// measures (synthetic graph, no API). Production builds do not route page.bench.tsx files.
export default function BenchGraphPage() {
  return <BenchGraph />;
}
