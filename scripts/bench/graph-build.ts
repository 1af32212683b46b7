// Pure graph build time (no Prometheus, no HTTP): the appender pipeline over synthetic inventories and
// telemetry. Run by scripts/bench-graph.mjs with --conditions=react-server.
import { benchGraph } from '@/server/graph/bench';

for (const nodes of [1000, 5000]) {
  for (const graphType of ['workload', 'app'] as const) {
    const r = benchGraph({ nodes, runs: 9, graphType });
    console.log(
      `build  ${String(r.nodes).padStart(5)} nodes ${String(r.edges).padStart(6)} edges ${graphType.padEnd(8)}  min ${r.minMs.toFixed(0).padStart(4)} ms  median ${r.medianMs.toFixed(0).padStart(4)} ms`,
    );
  }
}
