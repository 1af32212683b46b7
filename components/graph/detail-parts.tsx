'use client';

import { Button } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { Graph, GraphEdge } from '@/lib/graph/types';
import { formatPct, formatRate } from './format';

/** Requests/s per response code (2xx/3xx plain, 4xx orange, 5xx red). */
export function CodesTable({ caption, codes }: { caption: string; codes: [string, number][] }) {
  const total = codes.reduce((s, [, v]) => s + v, 0);
  if (codes.length === 0) return <p className="meridian-muted">{caption}: no requests</p>;
  return (
    <Table variant="compact" borders={false} aria-label={`${caption} response codes`} className="meridian-codes">
      <Thead>
        <Tr>
          <Th>{caption}</Th>
          <Th>rps</Th>
          <Th>share</Th>
        </Tr>
      </Thead>
      <Tbody>
        {codes.map(([code, v]) => (
          <Tr key={code}>
            <Td className={/^5|^grpc:(?!0)/.test(code) ? 'meridian-code-5xx' : /^4/.test(code) ? 'meridian-code-4xx' : undefined}>{code}</Td>
            <Td>{formatRate(v)}</Td>
            <Td>{formatPct(total > 0 ? v / total : 0)}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

const nameOf = (graph: Graph, id: string) => {
  const n = graph.nodes.find((x) => x.id === id);
  return n ? `${n.name}${n.version ? ` ${n.version}` : ''} (${n.cluster})` : id;
};

/** A node's edges as links that select them. */
export function EdgeLinks({ graph, edges, onSelect }: { graph: Graph; edges: GraphEdge[]; onSelect: (id: string) => void }) {
  if (edges.length === 0) return <p className="meridian-muted">No traffic in the window.</p>;
  return (
    <ul className="meridian-plain-list">
      {edges.map((e) => (
        <li key={e.id}>
          <Button variant="link" isInline onClick={() => onSelect(e.id)}>
            {nameOf(graph, e.source)} → {nameOf(graph, e.target)}
          </Button>{' '}
          <span className="meridian-muted">
            {formatRate(e.rps)} rps, {formatPct(e.errorRate)} 5xx{e.crossCluster ? ', cross-cluster' : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

export { nameOf };
