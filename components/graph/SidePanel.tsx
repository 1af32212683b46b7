'use client';

import { DrawerActions, DrawerCloseButton, DrawerHead, DrawerPanelBody, DrawerPanelContent } from '@patternfly/react-core';
import type { Graph } from '@/lib/graph/types';
import { EdgeDetails } from './EdgeDetails';
import { NodeDetails } from './NodeDetails';

interface Props {
  graph: Graph;
  selected: string;
  duration: string;
  refetchInterval: number | false;
  onSelect: (id: string | undefined) => void;
}

/** The drawer panel for the selected node or edge (or a note when it is not in the graph any more). */
export function SidePanel({ graph, selected, duration, refetchInterval, onSelect }: Props) {
  const node = graph.nodes.find((n) => n.id === selected);
  const edge = node ? undefined : graph.edges.find((e) => e.id === selected);
  return (
    <DrawerPanelContent widths={{ default: 'width_33' }} minSize="360px" isResizable aria-label="Selection details" data-testid="side-panel">
      <DrawerHead>
        <span className="meridian-muted">{node ? 'Node' : edge ? 'Edge' : 'Selection'}</span>
        <DrawerActions>
          <DrawerCloseButton onClick={() => onSelect(undefined)} aria-label="Close details" />
        </DrawerActions>
      </DrawerHead>
      <DrawerPanelBody>
        {node && <NodeDetails key={node.id} graph={graph} node={node} duration={duration} refetchInterval={refetchInterval} onSelect={onSelect} />}
        {edge && <EdgeDetails key={edge.id} graph={graph} edge={edge} duration={duration} refetchInterval={refetchInterval} onSelect={onSelect} />}
        {!node && !edge && <p>{selected} is not in the graph of this view (hidden, filtered out, or without traffic in the window).</p>}
      </DrawerPanelBody>
    </DrawerPanelContent>
  );
}
