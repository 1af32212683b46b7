'use client';

import './graph.css';
import { Button, Drawer, DrawerContent, DrawerContentBody } from '@patternfly/react-core';
import Link from 'next/link';
import { useMemo, useRef } from 'react';
import { PageFrame } from '@/components/shell/PageFrame';
import { useClusters } from '@/components/shell/ScopeSelectors';
import { EmptyView, ErrorView, LoadingState } from '@/components/shell/states';
import { parseFind } from '@/lib/graph/find';
import { CytoscapeGraph, type GraphControls } from './CytoscapeGraph';
import { toElements } from './elements';
import { ExpressionInput } from './FindHide';
import { GraphStatus } from './GraphStatus';
import { GraphTable } from './GraphTable';
import { GraphToolbar } from './GraphToolbar';
import { Legend } from './Legend';
import { PALETTES } from './style';
import { SidePanel } from './SidePanel';
import { useGraphTheme } from './useDarkTheme';
import { useGraphData } from './useGraphData';
import { useGraphView } from './useGraphView';
import { emptyViewOf } from './telemetry-view';
import { refreshMs } from './view-state';

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/** The topology page: toolbar, find/hide, graph or table, side panel for the selection. */
export function GraphView() {
  const { view, update } = useGraphView();
  const theme = useGraphTheme();
  const clusters = useClusters();
  const q = useGraphData(view);
  const controls = useRef<GraphControls>(null);
  const graph = q.data;

  const find = useMemo(() => parseFind(view.find), [view.find]);
  const hide = useMemo(() => parseFind(view.hide), [view.hide]);
  const elements = useMemo(
    () =>
      graph &&
      toElements(graph, {
        boxes: view.boxes,
        edgeLabel: view.edgeLabel,
        find: find.ok ? find.expr : undefined,
        hide: hide.ok ? hide.expr : undefined,
      }),
    [graph, view.boxes, view.edgeLabel, find, hide],
  );

  const clusterList = useMemo(() => {
    const names = new Set([...(clusters.data?.items ?? []).map((c) => c.name), ...(graph?.clusters ?? []).map((c) => c.cluster)]);
    return [...names].sort().map((name) => ({ name, status: graph?.clusters.find((c) => c.cluster === name) }));
  }, [clusters.data, graph]);

  const select = (id: string | undefined) => update({ selected: id });
  const exportPng = () => {
    const url = controls.current?.png(PALETTES[theme].textBg);
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `meridian-graph-${new Date().toISOString().slice(0, 19)}.png`;
    a.click();
  };

  const empty = graph && elements ? emptyViewOf(graph, elements.visible.nodes.length, view.hide) : undefined;
  const findStatus = elements && view.find ? `${plural(elements.found.nodes.length, 'node')} and ${plural(elements.found.edges.length, 'edge')} match` : undefined;
  const hideStatus = elements && view.hide ? `${plural(elements.hidden.nodes, 'node')} and ${plural(elements.hidden.edges, 'edge')} hidden` : undefined;

  const toolbar = (
    <GraphToolbar
      view={view}
      update={update}
      clusters={clusterList}
      onFit={() => controls.current?.fit()}
      onZoom={(f) => controls.current?.zoom(f)}
      onRelayout={() => controls.current?.relayout()}
      onPng={exportPng}
      find={
        <div className="meridian-find-row">
          <ExpressionInput kind="find" value={view.find} onApply={(find) => update({ find })} status={findStatus} />
          <ExpressionInput kind="hide" value={view.hide} onApply={(hide) => update({ hide })} status={hideStatus} />
        </div>
      }
    />
  );

  let body: React.ReactNode;
  if (!graph) {
    body = q.error ? <ErrorView what="the graph" error={q.error} onRetry={() => void q.refetch()} /> : <LoadingState what="the graph" />;
  } else if (empty && !graph.clusters.some((c) => !c.reachable)) {
    body = (
      <EmptyView
        title={empty.title}
        action={
          <>
            {empty.reason === 'filters' ? (
              <Button onClick={() => update({ hide: '' })}>Clear the hide filter</Button>
            ) : (
              !view.idle && <Button onClick={() => update({ idle: true })}>Show idle nodes</Button>
            )}
            {(empty.reason === 'no-telemetry' || empty.reason === 'prometheus-unreachable') && (
              <Link href="/mesh" style={{ marginLeft: 12 }}>
                Mesh &amp; Clusters
              </Link>
            )}
          </>
        }
      >
        <span data-testid={`graph-empty-${empty.reason}`}>{empty.message}</span>
        {empty.reason === 'no-traffic' && ' Traffic appears here within a scrape interval once it flows.'}
      </EmptyView>
    );
  } else if (elements) {
    const panel = view.selected ? <SidePanel graph={graph} selected={view.selected} duration={view.duration} refetchInterval={refreshMs(view.refresh)} onSelect={select} /> : undefined;
    const main =
      view.view === 'table' ? (
        <GraphTable graph={graph} nodes={elements.visible.nodes} edges={elements.visible.edges} selected={view.selected} onSelect={select} />
      ) : (
        <div className="meridian-graph-stage">
          <CytoscapeGraph
            elements={elements}
            layout={view.layout}
            positionsKey={view.graphType}
            theme={theme}
            selected={view.selected}
            onSelect={select}
            controls={controls}
            ariaLabel={`Service graph: ${plural(elements.visible.nodes.length, 'node')}, ${plural(elements.visible.edges.length, 'edge')}. The table view lists them.`}
          />
          <Legend theme={theme} thresholds={graph?.thresholds} />
          {q.isFetching && <span className="meridian-graph-refreshing" aria-live="polite">Updating…</span>}
        </div>
      );
    body = (
      <Drawer isExpanded={Boolean(panel)} isInline position="end">
        <DrawerContent panelContent={panel ?? <></>}>
          <DrawerContentBody>{main}</DrawerContentBody>
        </DrawerContent>
      </Drawer>
    );
  }

  return (
    <PageFrame title="Graph">
      {toolbar}
      {graph && <GraphStatus graph={graph} />}
      {body}
    </PageFrame>
  );
}
