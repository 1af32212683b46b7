'use client';

import { Button } from '@patternfly/react-core';
import { AngleDownIcon, AngleUpIcon } from '@patternfly/react-icons';
import { useState } from 'react';
import type { Health, NodeKind } from '@/lib/graph/types';
import type { Thresholds } from '@/lib/health';
import { BADGES } from './badges';
import { thresholdText } from './format';
import { PALETTES } from './style';

const SHAPE_SVG: Record<NodeKind, string> = {
  app: 'M3 2h10a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z',
  workload: 'M8 1.5a6.5 6.5 0 1 1 0 13a6.5 6.5 0 1 1 0-13z',
  service: 'M8 1.5L15 14H1z',
  serviceEntry: 'M8 1L15 8L8 15L1 8z',
  external: 'M1 3h10l4 5l-4 5H1z',
  unknown: 'M5 1h6l4 4v6l-4 4H5l-4-4V5z',
};
const KIND_TEXT: Record<NodeKind, string> = { app: 'App', workload: 'Workload', service: 'Service', serviceEntry: 'Service entry', external: 'External', unknown: 'Unknown' };
const HEALTH_TEXT: Record<Health, string> = { healthy: 'Healthy', degraded: 'Degraded', failing: 'Failing', idle: 'Idle', 'no-data': 'No data' };

function healthText(h: Health, t: Thresholds | undefined): string {
  const rule = t && (h === 'degraded' || h === 'failing') ? thresholdText(t, h) : '';
  return rule ? `${HEALTH_TEXT[h]} (${rule})` : HEALTH_TEXT[h];
}

function Swatch({ path, stroke, fill }: { path: string; stroke: string; fill: string }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden>
      <path d={path} fill={fill} stroke={stroke} strokeWidth="1.5" />
    </svg>
  );
}

function Line({ color, width = 2, dashed, dot, halo }: { color: string; width?: number; dashed?: boolean; dot?: boolean; halo?: string }) {
  return (
    <svg width="34" height="12" viewBox="0 0 34 12" aria-hidden>
      {halo && <line x1="2" y1="6" x2="28" y2="6" stroke={halo} strokeOpacity="0.35" strokeWidth={width + 6} />}
      <line x1="4" y1="6" x2="26" y2="6" stroke={color} strokeWidth={width} strokeDasharray={dashed ? '5 2' : undefined} />
      {dot && <circle cx="5" cy="6" r="3" fill={color} />}
      <path d="M26 2L33 6L26 10z" fill={color} />
    </svg>
  );
}

/** What the shapes, colours, line styles and badges of the graph mean; health thresholds as the server reports them. */
export function Legend({ theme, thresholds }: { theme: 'light' | 'dark'; thresholds: Thresholds | undefined }) {
  const [open, setOpen] = useState(false);
  const p = PALETTES[theme];
  return (
    <aside className="meridian-legend" aria-label="Graph legend" data-testid="graph-legend">
      <Button variant="link" isInline onClick={() => setOpen(!open)} icon={open ? <AngleDownIcon /> : <AngleUpIcon />} iconPosition="end" aria-expanded={open}>
        Legend
      </Button>
      {open && (
        <div className="meridian-legend-body">
          <section>
            <h3>Nodes</h3>
            {(Object.keys(SHAPE_SVG) as NodeKind[]).map((k) => (
              <div key={k} className="meridian-legend-row">
                <Swatch path={SHAPE_SVG[k]} stroke={p.text} fill="none" /> {KIND_TEXT[k]}
              </div>
            ))}
          </section>
          <section>
            <h3>Health</h3>
            {(Object.keys(HEALTH_TEXT) as Health[]).map((h) => (
              <div key={h} className="meridian-legend-row">
                <Swatch path={SHAPE_SVG.workload} stroke={p.health[h]} fill={p.nodeFill[h]} /> {healthText(h, thresholds)}
              </div>
            ))}
          </section>
          <section>
            <h3>Edges</h3>
            {(['healthy', 'degraded', 'failing'] as const).map((h) => (
              <div key={h} className="meridian-legend-row"><Line color={p.edge[h]} /> {HEALTH_TEXT[h]}</div>
            ))}
            <div className="meridian-legend-row"><Line color={p.edge.tcp} /> TCP</div>
            <div className="meridian-legend-row"><Line color={p.edge.idle} /> No traffic</div>
            <div className="meridian-legend-row"><Line color={p.edge.healthy} width={5} /> Width: rate (log)</div>
            <div className="meridian-legend-row"><Line color={p.edge.healthy} dashed halo={p.crossCluster} /> Cross-cluster (⇄ p95)</div>
            <div className="meridian-legend-row"><Line color={p.edge.healthy} dot /> mTLS (dot at caller)</div>
          </section>
          <section>
            <h3>Badges</h3>
            {BADGES.map((b) => (
              <div key={b.key} className="meridian-legend-row" title={b.description}>
                <span className="meridian-pill" style={{ background: b.color }}>{b.short}</span> {b.title}
              </div>
            ))}
            <div className="meridian-legend-row">
              <span className="meridian-box-swatch is-down" /> Cluster unreachable
            </div>
            <div className="meridian-legend-row">
              <span className="meridian-box-swatch is-blind" /> Cluster without telemetry
            </div>
          </section>
        </div>
      )}
    </aside>
  );
}
