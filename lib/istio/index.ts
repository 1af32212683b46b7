// Public API of the Istio schemas: one zod schema per kind, the kind registry and validation.
export * from './common';
export * from './virtual-service';
export * from './destination-rule';
export * from './gateway';
export * from './service-entry';
export * from './sidecar';
export * from './workload-entry';
export * from './peer-authentication';
export * from './authorization-policy';
export * from './request-authentication';
export * from './service-export';
export * from './service-import';
export * from './control-plane-revision';
export * from './kinds';
export * from './validate';
