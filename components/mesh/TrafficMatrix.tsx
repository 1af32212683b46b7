'use client';

import { ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import Link from 'next/link';
import type { MatrixCell } from '@/lib/mesh';

export const MATRIX_METRICS = [
  { key: 'rps', label: 'Requests/s' },
  { key: 'errorRate', label: 'Error %' },
  { key: 'p95', label: 'p95 latency' },
  { key: 'mtlsShare', label: 'mTLS share' },
] as const;
export type MatrixMetric = (typeof MATRIX_METRICS)[number]['key'];

const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '—' : n.toFixed(digits));
const pct = (n: number | undefined) => (n === undefined ? '—' : `${(n * 100).toFixed(n > 0 && n < 0.01 ? 2 : 1)}%`);

/** 0 (good) .. 1 (bad) for the colour; rps is intensity only (relative to the busiest cell). */
function badness(cell: MatrixCell, metric: MatrixMetric, maxRps: number): number {
  if (metric === 'rps') return maxRps > 0 ? Math.log1p(cell.rps) / Math.log1p(maxRps) : 0;
  if (metric === 'errorRate') return Math.min(1, cell.errorRate / 0.1);
  if (metric === 'p95') return cell.p95 === undefined ? 0 : Math.min(1, cell.p95 / 500);
  return cell.mtlsShare === undefined ? 0.5 : 1 - cell.mtlsShare;
}

function background(v: number, metric: MatrixMetric): string {
  if (metric === 'rps') return `hsla(210, 80%, 50%, ${0.1 + v * 0.5})`;
  return `hsla(${Math.round(120 - v * 120)}, 70%, 50%, 0.35)`;
}

/** Source cluster (rows) x destination cluster (columns); every value printed, colour by the chosen metric. */
export function TrafficMatrix({ clusters, cells, metric, onMetric }: { clusters: string[]; cells: MatrixCell[]; metric: MatrixMetric; onMetric: (m: MatrixMetric) => void }) {
  const maxRps = Math.max(0, ...cells.map((c) => c.rps));
  return (
    <>
      <ToggleGroup aria-label="Colour cells by" style={{ marginBottom: 12 }}>
        {MATRIX_METRICS.map((m) => (
          <ToggleGroupItem key={m.key} text={m.label} buttonId={`matrix-${m.key}`} isSelected={metric === m.key} onChange={() => onMetric(m.key)} />
        ))}
      </ToggleGroup>
      <Table aria-label="Cross-cluster traffic matrix" variant="compact" gridBreakPoint="" data-testid="traffic-matrix">
        <Thead>
          <Tr>
            <Th>source \ destination</Th>
            {clusters.map((c) => (
              <Th key={c}>{c}</Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {clusters.map((src) => (
            <Tr key={src}>
              <Th>{src}</Th>
              {clusters.map((dst) => {
                const cell = cells.find((c) => c.source === src && c.destination === dst);
                const testId = `matrix-cell-${src}-${dst}`;
                if (!cell) {
                  return (
                    <Td key={dst} data-testid={testId} className="meridian-muted">
                      no traffic
                    </Td>
                  );
                }
                const label = `${src} to ${dst}: ${fmt(cell.rps, 2)} requests per second, ${pct(cell.errorRate)} errors, p95 ${fmt(cell.p95)} ms, mTLS ${pct(cell.mtlsShare)}. Open in the graph`;
                return (
                  <Td key={dst} data-testid={testId} style={{ background: background(badness(cell, metric, maxRps), metric), padding: 0 }}>
                    <Link href={cell.link} aria-label={label} style={{ display: 'block', padding: '6px 8px', color: 'inherit', textDecoration: 'none' }}>
                      <div style={{ fontWeight: src === dst ? 'normal' : 'bold' }}>{fmt(cell.rps, 2)} rps</div>
                      <div>err {pct(cell.errorRate)}</div>
                      <div>
                        p50/p95/p99 {fmt(cell.p50)}/{fmt(cell.p95)}/{fmt(cell.p99)} ms
                      </div>
                      <div>mTLS {pct(cell.mtlsShare)}</div>
                    </Link>
                  </Td>
                );
              })}
            </Tr>
          ))}
        </Tbody>
      </Table>
      <p className="meridian-muted" style={{ marginTop: 8 }}>
        Requests, errors and latency as the calling side reports them; mTLS as the receiving side reports it. The diagonal is traffic inside a cluster. A cell opens the graph filtered to those edges.
      </p>
    </>
  );
}
