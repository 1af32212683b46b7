import 'server-only';
import { createHash } from 'node:crypto';
import { groupVersions, servedFlavor, servedResources, type ResourceDef } from './resources';

// OpenAPI v3, only as much as kubectl needs: the index of group-versions and, per group-version,
// the PATCH operation of each kind declaring the `fieldValidation` query parameter. From that
// kubectl concludes that the server validates fields itself and skips client-side schema
// validation (which would need full schemas and /openapi/v2, not served). No component schemas:
// kubectl then computes apply patches from its compiled-in types (strategic merge for built-in
// kinds, JSON merge patch for Istio and MCS kinds), as it does against a real cluster.

const QUERY_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'];

const gvPath = (group: string, version: string) => (group ? `apis/${group}/${version}` : `api/${version}`);

function patchPath(def: ResourceDef): string {
  const base = `/${gvPath(def.group, def.version)}`;
  return def.namespaced ? `${base}/namespaces/{namespace}/${def.plural}/{name}` : `${base}/${def.plural}/{name}`;
}

function groupVersionDocument(group: string, version: string) {
  const paths: Record<string, unknown> = {};
  for (const def of servedResources().filter((r) => r.group === group && r.version === version)) {
    paths[patchPath(def)] = {
      patch: {
        description: `partially update the specified ${def.kind}`,
        operationId: `patch${def.namespaced ? 'Namespaced' : ''}${def.kind}`,
        parameters: QUERY_PARAMS.map((name) => ({ name, in: 'query', schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true } })),
        responses: { '200': { description: 'OK' }, '201': { description: 'Created' }, '401': { description: 'Unauthorized' } },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: def.group, version: def.version, kind: def.kind },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.4-demo' },
    paths,
    components: { schemas: {} },
  };
}

const hashOf = (doc: unknown) => createHash('sha256').update(JSON.stringify(doc)).digest('hex').toUpperCase();

/** The documents and their index, built once per served flavour. */
const BUILT = new Map<string, { documents: Map<string, unknown>; index: unknown }>();

function built() {
  let b = BUILT.get(servedFlavor());
  if (!b) {
    const documents = new Map<string, unknown>(
      groupVersions().flatMap(({ group, versions }) => versions.map((v) => [gvPath(group, v), groupVersionDocument(group, v)] as const)),
    );
    const index = { paths: Object.fromEntries([...documents].map(([path, doc]) => [path, { serverRelativeURL: `/openapi/v3/${path}?hash=${hashOf(doc)}` }])) };
    BUILT.set(servedFlavor(), (b = { documents, index }));
  }
  return b;
}

/** The document of an /openapi/... path, or undefined (404; /openapi/v2 among them). */
export function openApiDocument(pathname: string): unknown {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/openapi/v3') return built().index;
  if (path.startsWith('/openapi/v3/')) return built().documents.get(path.slice('/openapi/v3/'.length));
  return undefined;
}

