import 'server-only';
import { createHash } from 'node:crypto';
import { groupVersions, servedFlavor, servedResources, type ResourceDef } from './resources';
import { kindModels } from './schema';
import { componentSchemas } from './schema/openapi';

// OpenAPI v3: the index of group-versions and, per group-version, the PATCH operation of each
// kind declaring the `fieldValidation` query parameter, and the component schemas of the kinds
// with a model (schema/). From the parameter kubectl concludes that the server validates fields
// itself (it sends fieldValidation=Strict and skips client-side validation, which would need
// /openapi/v2, not served); the schemas serve `kubectl explain`. The PATCH operations declare no
// request body: kubectl then computes apply patches from its compiled-in types (strategic merge
// for built-in kinds, JSON merge patch for custom resources), as it does against a real cluster.

const QUERY_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'];

const gvPath = (group: string, version: string) => (group ? `apis/${group}/${version}` : `api/${version}`);

function patchPath(def: ResourceDef): string {
  const base = `/${gvPath(def.group, def.version)}`;
  return def.namespaced ? `${base}/namespaces/{namespace}/${def.plural}/{name}` : `${base}/${def.plural}/{name}`;
}

async function groupVersionDocument(group: string, version: string) {
  const defs = servedResources().filter((r) => r.group === group && r.version === version);
  const paths: Record<string, unknown> = {};
  for (const def of defs) {
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
  const roots = defs.flatMap((d) => (d.model ? [{ model: d.model, group: d.group, version: d.version, kind: d.kind }] : []));
  const schemas = roots.length ? await componentSchemas(await kindModels(), roots) : {};
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.4-demo' },
    paths,
    components: { schemas },
  };
}

const hashOf = (doc: unknown) => createHash('sha256').update(JSON.stringify(doc)).digest('hex').toUpperCase();

/** The documents of the served flavour's group-versions, built once per flavour. */
const DOCUMENTS = new Map<string, Promise<Map<string, unknown>>>();

function allDocuments(): Promise<Map<string, unknown>> {
  const flavor = servedFlavor();
  let documents = DOCUMENTS.get(flavor);
  if (!documents) {
    documents = Promise.all(
      groupVersions().flatMap(({ group, versions }) => versions.map(async (v) => [gvPath(group, v), await groupVersionDocument(group, v)] as const)),
    ).then(
      (entries) => new Map(entries),
      (err: unknown) => {
        DOCUMENTS.delete(flavor);
        throw err;
      },
    );
    DOCUMENTS.set(flavor, documents);
  }
  return documents;
}

/** The document of an /openapi/... path, or undefined (404; /openapi/v2 among them). */
export async function openApiDocument(pathname: string): Promise<unknown> {
  const path = pathname.replace(/\/+$/, '');
  if (path !== '/openapi/v3' && !path.startsWith('/openapi/v3/')) return undefined;
  const docs = await allDocuments();
  if (path === '/openapi/v3') {
    return { paths: Object.fromEntries([...docs].map(([p, doc]) => [p, { serverRelativeURL: `/openapi/v3/${p}?hash=${hashOf(doc)}` }])) };
  }
  return docs.get(path.slice('/openapi/v3/'.length));
}
