import type { Page } from '@playwright/test';

// What the graph page has drawn, read from window.__meridianGraph (the cytoscape instance the page
// exposes): element ids, classes, box labels and rendered positions.

export interface Drawn {
  nodes: { id: string; classes: string[]; x: number; y: number }[];
  boxes: { id: string; classes: string[]; label: string }[];
  edges: { id: string; classes: string[] }[];
}

export async function drawn(page: Page): Promise<Drawn> {
  return page.evaluate(() => {
    type El = { id(): string; classes(): string[]; data(k: string): string; renderedPosition(): { x: number; y: number } };
    type Coll = { map<T>(f: (e: El) => T): T[] };
    const cy = (window as unknown as { __meridianGraph?: { cy(): { nodes(s: string): Coll; edges(): Coll } | undefined } }).__meridianGraph?.cy();
    if (!cy) return { nodes: [], boxes: [], edges: [] };
    return {
      nodes: cy.nodes('.leaf').map((n) => ({ id: n.id(), classes: n.classes(), x: n.renderedPosition().x, y: n.renderedPosition().y })),
      boxes: cy.nodes('.box').map((n) => ({ id: n.id(), classes: n.classes(), label: n.data('label') })),
      edges: cy.edges().map((e) => ({ id: e.id(), classes: e.classes() })),
    };
  });
}
