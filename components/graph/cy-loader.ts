import type cytoscapeType from 'cytoscape';

let loading: Promise<typeof cytoscapeType> | undefined;

/** Loads cytoscape and registers its layout extensions once (browser only: call it from an effect). */
export function loadCytoscape(): Promise<typeof cytoscapeType> {
  loading ??= Promise.all([import('cytoscape'), import('cytoscape-fcose'), import('cytoscape-dagre')]).then(([cy, fcose, dagre]) => {
    cy.default.use(fcose.default);
    cy.default.use(dagre.default);
    return cy.default;
  });
  return loading;
}
