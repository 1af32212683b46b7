'use client';

import { Button, Label, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr, type ThProps } from '@patternfly/react-table';
import { useState } from 'react';
import type { Graph, GraphEdge, GraphNode } from '@/lib/graph/types';
import { HealthLabel } from '@/components/shell/HealthLabel';
import { nameOf } from './detail-parts';
import { formatMs, formatPct, formatRate } from './format';

type Col<T> = { title: string; value: (x: T) => string | number; render?: (x: T) => React.ReactNode };

function useSort(initial: number) {
  const [index, setIndex] = useState(initial);
  const [dir, setDir] = useState<'asc' | 'desc'>('desc');
  const sortProps = (i: number): ThProps['sort'] => ({ sortBy: { index, direction: dir }, onSort: (_e, idx, d) => (setIndex(idx), setDir(d)), columnIndex: i });
  return { index, dir, sortProps };
}

function sorted<T>(rows: T[], cols: Col<T>[], index: number, dir: 'asc' | 'desc'): T[] {
  const col = cols[index];
  if (!col) return rows;
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = col.value(a);
    const y = col.value(b);
    return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
  });
}

function SortableTable<T extends { id: string }>({ label, rows, cols, selected, onSelect, testId, initialSort }: { label: string; rows: T[]; cols: Col<T>[]; selected?: string; onSelect: (id: string) => void; testId: string; initialSort: number }) {
  const { index, dir, sortProps } = useSort(initialSort);
  return (
    <Table aria-label={label} variant="compact" isStickyHeader data-testid={testId}>
      <Thead>
        <Tr>
          {cols.map((c, i) => (
            <Th key={c.title} sort={sortProps(i)} modifier="wrap">
              {c.title}
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {sorted(rows, cols, index, dir).map((r) => (
          <Tr key={r.id} isRowSelected={r.id === selected} isSelectable onRowClick={() => onSelect(r.id)} data-testid={`row-${r.id}`}>
            {cols.map((c, i) => (
              <Td key={c.title} dataLabel={c.title}>
                {i === 0 ? (
                  <Button variant="link" isInline onClick={() => onSelect(r.id)} aria-label={`Select ${String(c.value(r))}`}>
                    {c.render ? c.render(r) : c.value(r)}
                  </Button>
                ) : c.render ? (
                  c.render(r)
                ) : (
                  c.value(r)
                )}
              </Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

/** The graph as sortable tables of nodes and edges, for scanning and for keyboard users. */
export function GraphTable({ graph, nodes, edges, selected, onSelect }: { graph: Graph; nodes: GraphNode[]; edges: GraphEdge[]; selected?: string; onSelect: (id: string) => void }) {
  const [tab, setTab] = useState<'nodes' | 'edges'>(selected?.includes('->') ? 'edges' : 'nodes');
  const nodeCols: Col<GraphNode>[] = [
    { title: 'Name', value: (n) => `${n.name}${n.version ? ` ${n.version}` : ''}` },
    { title: 'Kind', value: (n) => n.kind },
    { title: 'Cluster', value: (n) => n.cluster },
    { title: 'Namespace', value: (n) => n.namespace },
    { title: 'Health', value: (n) => n.health, render: (n) => <HealthLabel health={n.health} /> },
    { title: 'In rps', value: (n) => n.inbound.rps, render: (n) => formatRate(n.inbound.rps) },
    { title: 'Out rps', value: (n) => n.outbound.rps, render: (n) => formatRate(n.outbound.rps) },
    { title: 'In 5xx', value: (n) => n.inbound.errorRate, render: (n) => formatPct(n.inbound.errorRate) },
  ];
  const edgeCols: Col<GraphEdge>[] = [
    { title: 'Source', value: (e) => nameOf(graph, e.source) },
    { title: 'Target', value: (e) => nameOf(graph, e.target) },
    { title: 'Protocol', value: (e) => e.protocol },
    { title: 'rps', value: (e) => e.rps, render: (e) => formatRate(e.rps) },
    { title: '5xx', value: (e) => e.errorRate, render: (e) => formatPct(e.errorRate) },
    { title: 'p95', value: (e) => e.latencyMs.p95 ?? -1, render: (e) => formatMs(e.latencyMs.p95) },
    { title: 'mTLS', value: (e) => e.mtlsShare ?? -1, render: (e) => formatPct(e.mtlsShare) },
    { title: 'Cross-cluster', value: (e) => (e.crossCluster ? 1 : 0), render: (e) => (e.crossCluster ? <Label isCompact color="purple">cross-cluster</Label> : '') },
  ];
  return (
    <div className="meridian-graph-table">
      <Tabs activeKey={tab} onSelect={(_e, k) => setTab(k as 'nodes' | 'edges')} aria-label="Graph tables">
        <Tab eventKey="nodes" title={<TabTitleText>Nodes ({nodes.length})</TabTitleText>}>
          <SortableTable label="Graph nodes" testId="nodes-table" rows={nodes} cols={nodeCols} selected={selected} onSelect={onSelect} initialSort={5} />
        </Tab>
        <Tab eventKey="edges" title={<TabTitleText>Edges ({edges.length})</TabTitleText>}>
          <SortableTable label="Graph edges" testId="edges-table" rows={edges} cols={edgeCols} selected={selected} onSelect={onSelect} initialSort={3} />
        </Tab>
      </Tabs>
    </div>
  );
}
