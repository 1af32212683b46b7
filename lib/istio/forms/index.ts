// Pure form <-> object mappings of the Istio editors (no React): forms of the common routing
// intents, YAML with positions, diffs, templates, affected graph edges, client checks.
export * from './object';
export * from './yaml';
export * from './virtual-service';
export * from './request-routing';
export * from './destination-rule';
export * from './templates';
export * from './diff';
export * from './affected';
export * from './validate';
export * from './markers';
