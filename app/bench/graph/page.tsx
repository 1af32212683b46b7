import { BenchGraph } from '@/components/graph/bench/BenchGraph';

// Not in the navigation: the page scripts/bench-ui.mjs measures (synthetic graph, no API).
export default function BenchGraphPage() {
  return <BenchGraph />;
}
