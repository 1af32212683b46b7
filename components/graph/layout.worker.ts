// Runs a force layout (fcose) off the main thread on a headless cytoscape and posts back the leaf
// positions: big graphs are drawn at once from a grid, then move to these positions.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

cytoscape.use(fcose);

export interface LayoutRequest {
  id: number;
  elements: cytoscape.ElementDefinition[];
  options: cytoscape.LayoutOptions;
}

self.onmessage = (e: MessageEvent<LayoutRequest>) => {
  const { id, elements, options } = e.data;
  try {
    const cy = cytoscape({ headless: true, styleEnabled: true, elements });
    cy.nodes('.leaf').style({ width: 36, height: 36 });
    cy.layout({ ...options, animate: false, fit: false } as cytoscape.LayoutOptions).run();
    const positions: Record<string, { x: number; y: number }> = {};
    cy.nodes('.leaf').forEach((n) => {
      positions[n.id()] = { ...n.position() };
    });
    self.postMessage({ id, positions });
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};
