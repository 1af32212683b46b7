'use client';

import { Button, FormSelect, FormSelectOption, ToggleGroup, ToggleGroupItem, Toolbar, ToolbarContent, ToolbarGroup, ToolbarItem, Tooltip } from '@patternfly/react-core';
import { DownloadIcon, ExpandIcon, ListIcon, SearchMinusIcon, SearchPlusIcon, SyncAltIcon, TopologyIcon } from '@patternfly/react-icons';
import type { ReactNode } from 'react';
import { DURATION_CHOICES } from '@/lib/graph/query';
import type { ClusterGraphStatus } from '@/lib/graph/types';
import { DisplayMenu } from './DisplayMenu';
import { EDGE_LABELS, LAYOUTS, REFRESH_CHOICES, type GraphView } from './view-state';

const GRAPH_TYPES: [GraphView['graphType'], string][] = [
  ['versionedApp', 'Versioned app'],
  ['app', 'App'],
  ['workload', 'Workload'],
  ['service', 'Service'],
];
const EDGE_LABEL_TEXT: Record<GraphView['edgeLabel'], string> = { none: 'No edge labels', rps: 'Request rate', error: 'Error %', p50: 'Latency p50', p95: 'Latency p95', p99: 'Latency p99', mtls: 'mTLS %' };

function Select<T extends string>({ label, value, options, onChange, text }: { label: string; value: T; options: readonly T[]; onChange: (v: T) => void; text?: (v: T) => string }) {
  return (
    <FormSelect aria-label={label} value={value} onChange={(_e, v) => onChange(v as T)} style={{ width: 'auto' }} data-testid={`graph-${label.toLowerCase().replace(/\W+/g, '-')}`}>
      {options.map((o) => (
        <FormSelectOption key={o} value={o} label={text ? text(o) : o} />
      ))}
    </FormSelect>
  );
}

interface Props {
  view: GraphView;
  update: (patch: Partial<GraphView>) => void;
  /** Every known cluster with its graph status (cluster toggles with a state dot). */
  clusters: { name: string; status?: ClusterGraphStatus }[];
  onFit: () => void;
  onZoom: (factor: number) => void;
  onRelayout: () => void;
  onPng: () => void;
  find: ReactNode;
}

/** Graph settings (all in the URL) and canvas actions. */
export function GraphToolbar({ view, update, clusters, onFit, onZoom, onRelayout, onPng, find }: Props) {
  const selected = view.clusters.length ? view.clusters : clusters.map((c) => c.name);
  const toggleCluster = (name: string) => {
    const next = selected.includes(name) ? selected.filter((c) => c !== name) : [...selected, name];
    update({ clusters: next.length === clusters.length ? [] : next, selected: undefined });
  };
  const isGraph = view.view === 'graph';
  return (
    <Toolbar className="meridian-graph-toolbar" inset={{ default: 'insetNone' }}>
      <ToolbarContent>
        <ToolbarGroup>
          <ToolbarItem>
            <ToggleGroup aria-label="Clusters shown">
              {clusters.map((c) => {
                const down = c.status && !c.status.reachable;
                return (
                  <ToggleGroupItem
                    key={c.name}
                    text={
                      <span>
                        <span className={`meridian-dot ${down ? 'is-down' : c.status?.telemetry === false ? 'is-warn' : 'is-up'}`} aria-hidden /> {c.name}
                      </span>
                    }
                    aria-label={`Cluster ${c.name}${down ? ' (unreachable)' : ''}`}
                    buttonId={`cluster-toggle-${c.name}`}
                    isSelected={selected.includes(c.name)}
                    onChange={() => toggleCluster(c.name)}
                  />
                );
              })}
            </ToggleGroup>
          </ToolbarItem>
          <ToolbarItem>
            <Select label="Graph type" value={view.graphType} options={GRAPH_TYPES.map(([v]) => v)} text={(v) => GRAPH_TYPES.find(([k]) => k === v)?.[1] ?? v} onChange={(graphType) => update({ graphType, selected: undefined })} />
          </ToolbarItem>
          <ToolbarItem>
            <Select label="Duration" value={view.duration} options={DURATION_CHOICES} text={(v) => `Last ${v}`} onChange={(duration) => update({ duration })} />
          </ToolbarItem>
          <ToolbarItem>
            <Select label="Refresh" value={view.refresh} options={REFRESH_CHOICES} text={(v) => (v === 'off' ? 'Refresh off' : `Every ${v} + live`)} onChange={(refresh) => update({ refresh })} />
          </ToolbarItem>
          <ToolbarItem>
            <Select label="Edge labels" value={view.edgeLabel} options={EDGE_LABELS} text={(v) => EDGE_LABEL_TEXT[v]} onChange={(edgeLabel) => update({ edgeLabel })} />
          </ToolbarItem>
        </ToolbarGroup>
        <ToolbarItem>
          <DisplayMenu view={view} update={update} />
        </ToolbarItem>
        <ToolbarGroup align={{ default: 'alignEnd' }}>
          <ToolbarItem>
            <ToggleGroup aria-label="View">
              <ToggleGroupItem icon={<TopologyIcon />} text="Graph" buttonId="view-graph" isSelected={isGraph} onChange={() => update({ view: 'graph' })} />
              <ToggleGroupItem icon={<ListIcon />} text="Table" buttonId="view-table" isSelected={!isGraph} onChange={() => update({ view: 'table' })} />
            </ToggleGroup>
          </ToolbarItem>
        </ToolbarGroup>
      </ToolbarContent>
      <ToolbarContent>
        <ToolbarItem style={{ flex: '1 1 560px' }}>{find}</ToolbarItem>
        {isGraph && (
          <ToolbarGroup variant="action-group-plain">
            <ToolbarItem>
              <ToggleGroup aria-label="Layout">
                {LAYOUTS.map((l) => (
                  <ToggleGroupItem key={l} text={l === 'fcose' ? 'Force' : 'Left→right'} aria-label={l === 'fcose' ? 'Force layout (fcose)' : 'Left to right layout (dagre)'} buttonId={`layout-${l}`} isSelected={view.layout === l} onChange={() => update({ layout: l })} />
                ))}
              </ToggleGroup>
            </ToolbarItem>
            <Tooltip content="Lay out again"><Button variant="plain" aria-label="Lay out again" icon={<SyncAltIcon />} onClick={onRelayout} /></Tooltip>
            <Tooltip content="Fit to screen"><Button variant="plain" aria-label="Fit to screen" icon={<ExpandIcon />} onClick={onFit} /></Tooltip>
            <Tooltip content="Zoom in"><Button variant="plain" aria-label="Zoom in" icon={<SearchPlusIcon />} onClick={() => onZoom(1.25)} /></Tooltip>
            <Tooltip content="Zoom out"><Button variant="plain" aria-label="Zoom out" icon={<SearchMinusIcon />} onClick={() => onZoom(0.8)} /></Tooltip>
            <Tooltip content="Export PNG"><Button variant="plain" aria-label="Export PNG" icon={<DownloadIcon />} onClick={onPng} /></Tooltip>
          </ToolbarGroup>
        )}
      </ToolbarContent>
    </Toolbar>
  );
}
