import type { Badges } from '@/lib/graph/types';

/** The badges a node can carry, in drawing order, with what they mean (legend and side panel). */
export interface BadgeInfo {
  key: keyof Badges;
  short: string;
  title: string;
  description: string;
  color: string;
}

export const BADGES: BadgeInfo[] = [
  { key: 'exported', short: 'EXP', title: 'Exported (MCS)', description: 'A ServiceExport makes this service reachable from the other clusters of the clusterset.', color: '#5e40be' },
  { key: 'imported', short: 'IMP', title: 'Imported (MCS)', description: 'A ServiceImport brings this service in from another cluster (clusterset.local).', color: '#5e40be' },
  { key: 'virtualService', short: 'VS', title: 'VirtualService', description: 'A VirtualService routes traffic to this service.', color: '#0066cc' },
  { key: 'destinationRule', short: 'DR', title: 'DestinationRule', description: 'A DestinationRule sets subsets, load balancing or TLS for this host.', color: '#0066cc' },
  { key: 'faultInjection', short: 'FI', title: 'Fault injection', description: 'A VirtualService injects delays or aborts into requests to this service.', color: '#c46100' },
  { key: 'circuitBreaker', short: 'CB', title: 'Circuit breaker', description: 'A DestinationRule sets connection pool limits or outlier detection.', color: '#c46100' },
  { key: 'missingSidecar', short: 'NO SIDECAR', title: 'Missing sidecar', description: 'Pods run without an Envoy sidecar: no mTLS, no telemetry from this side.', color: '#b1380b' },
  { key: 'dead', short: '0 PODS', title: 'No pods', description: 'The inventory has it, but no pod serves it.', color: '#6a6e73' },
  { key: 'configErrors', short: 'ERR', title: 'Config errors', description: 'Validation found errors in the Istio config that applies to it.', color: '#c9190b' },
];

export function badgesOf(b: Badges): BadgeInfo[] {
  return BADGES.filter((x) => (x.key === 'configErrors' ? (b.configErrors ?? 0) > 0 : Boolean(b[x.key])));
}

const CHAR_W = 6.2;
const H = 14;

export interface BadgeStrip {
  url: string;
  width: number;
  height: number;
}

const cache = new Map<string, BadgeStrip>();

/** An SVG strip of pills (one per badge), as a data URI cytoscape can draw over a node. */
export function badgeStrip(list: BadgeInfo[]): BadgeStrip | undefined {
  if (list.length === 0) return undefined;
  const key = list.map((b) => b.key).join(',');
  const hit = cache.get(key);
  if (hit) return hit;
  let x = 0;
  const parts: string[] = [];
  for (const b of list) {
    const w = Math.round(b.short.length * CHAR_W + 8);
    parts.push(
      `<rect x="${x + 0.5}" y="0.5" width="${w - 1}" height="${H - 1}" rx="4" fill="${b.color}" stroke="#fff" stroke-width="1"/>` +
        `<text x="${x + w / 2}" y="10.2" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="8.5" font-weight="700" fill="#fff">${b.short}</text>`,
    );
    x += w + 2;
  }
  const width = x - 2;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${H}" viewBox="0 0 ${width} ${H}">${parts.join('')}</svg>`;
  const strip = { url: `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`, width, height: H };
  cache.set(key, strip);
  return strip;
}
