import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { discoveryDocument } from './discovery';
import { isDryRun, parseBody, queryOf, readBody, sendJson, sendStatus, wantsTable } from './http';
import { listResponse } from './list';
import { openApiDocument } from './openapi';
import { authenticate } from './rbac/authn';
import type { RbacAuthorizer } from './rbac/authorizer';
import { impersonate } from './rbac/impersonation';
import type { OidcAuthenticator } from './rbac/oidc';
import { answerReview } from './rbac/reviews';
import type { ResourceAttributes, UserInfo } from './rbac/types';
import { apiVersionOf } from './resources';
import { handleScale } from './scale';
import { parseResourcePath, pathNotFound, type ResourcePath } from './routing';
import { kindModels } from './schema';
import { KubeError, asKubeError, badRequest, notFound, status } from './status';
import type { ClusterStore } from './store';
import { includeObjectOf, toTable } from './table';
import type { MeshValidator } from './validation';
import { serveWatch, type WatchOptions } from './watch';
import { createObject, deleteCollection, deleteObject, patchObject, replaceObject, type WriteContext } from './write';

// One request of a cluster's API, in kube-apiserver's order: authenticate (401), impersonate
// (403 unless allowed), find what the path names, authorize the verb with RBAC (403), answer.
// Every failure is a Status object with its HTTP code.

export interface RouterOptions {
  store: ClusterStore;
  mesh: MeshValidator;
  watch: WatchOptions;
  rbac: RbacAuthorizer;
  /** ID-token authentication; undefined: static tokens only. */
  oidc?: OidcAuthenticator;
}

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

const methodNotAllowed = () => new KubeError(status(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`));

/** The RBAC attributes of a resource request; a named Namespace is its own namespace, as in kube. */
function resourceAttributes(user: UserInfo, verb: string, target: ResourcePath): ResourceAttributes {
  const { def, name, subresource } = target;
  const namespace = target.namespace ?? (def.group === '' && def.kind === 'Namespace' ? name : undefined);
  return {
    user,
    verb,
    resourceRequest: true,
    apiGroup: def.group,
    resource: def.plural,
    ...(subresource ? { subresource } : {}),
    ...(namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  };
}

function verbOf(method: string, target: ResourcePath, watch: boolean): string {
  const named = target.name !== undefined;
  switch (method) {
    case 'GET':
      return named ? 'get' : watch ? 'watch' : 'list';
    case 'POST':
      return named ? 'unsupported' : 'create';
    case 'PUT':
      return named ? 'update' : 'unsupported';
    case 'PATCH':
      return named ? 'patch' : 'unsupported';
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return 'unsupported';
  }
}

export async function handleRequest(req: IncomingMessage, res: ServerResponse, opts: RouterOptions): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (HEALTH.has(url.pathname)) {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      return;
    }
    const { rbac } = opts;
    const user = impersonate(req, await authenticate(req, opts.oidc), rbac);
    const target = parseResourcePath(url.pathname);
    if (!target) {
      // A non-resource path: discovery, OpenAPI, or nothing (404 once authorized, as kube).
      rbac.check({ user, verb: (req.method ?? 'GET').toLowerCase(), resourceRequest: false, path: url.pathname });
      const discovery = req.method === 'GET' ? discoveryDocument(url.pathname) : undefined;
      if (discovery !== undefined) return sendJson(res, 200, discovery);
      const doc = req.method === 'GET' && url.pathname.startsWith('/openapi/') ? await openApiDocument(url.pathname) : undefined;
      if (doc === undefined) throw pathNotFound(url.pathname);
      return sendJson(res, 200, doc);
    }
    const query = queryOf(url);
    const watch = query.watch === 'true' || query.watch === '1';
    const verb = verbOf(req.method ?? 'GET', target, watch);
    const { def } = target;
    if (verb === 'unsupported') throw methodNotAllowed();
    rbac.check(resourceAttributes(user, verb, target));
    const { store } = opts;

    if (def.review) {
      if (verb !== 'create') throw methodNotAllowed();
      const body = parseBody(await readBody(req), req.headers['content-type'] ?? 'application/json') as { apiVersion?: unknown; kind?: unknown } | null;
      if (body?.kind !== def.kind || body.apiVersion !== apiVersionOf(def)) {
        throw badRequest(`the API version in the data (${String(body?.apiVersion)}) does not match the expected API version (${apiVersionOf(def)}) or the kind (${String(body?.kind)}) is not ${def.kind}`);
      }
      const review = await answerReview({ kind: def.kind, body, user, rbac, ...(target.namespace ? { namespace: target.namespace } : {}), ...(opts.oidc ? { oidc: opts.oidc } : {}) });
      return sendJson(res, 201, review);
    }
    const table = wantsTable(req);
    if (target.subresource === 'scale') {
      const scale = handleScale({
        store,
        def,
        ...(target.namespace ? { namespace: target.namespace } : {}),
        name: target.name ?? '',
        method: req.method ?? 'GET',
        body: req.method === 'GET' ? Buffer.alloc(0) : await readBody(req),
        contentType: req.headers['content-type'] ?? 'application/json',
        dryRun: isDryRun(url),
      });
      return sendJson(res, 200, scale);
    }

    if (verb === 'watch') return serveWatch(req, res, { store, query, table, options: opts.watch, ...target });
    if (verb === 'list') return sendJson(res, 200, listResponse(store, def, target.namespace, query, table));
    if (verb === 'get') {
      const obj = store.get(apiVersionOf(def), def.kind, target.namespace, target.name ?? '');
      if (!obj) throw notFound(def.plural, def.group, target.name ?? '');
      const body = table ? toTable(def, [obj], { include: includeObjectOf(query.includeObject), resourceVersion: store.resourceVersion }) : obj;
      return sendJson(res, 200, body);
    }

    const models = def.model ? await kindModels() : undefined;
    const ctx: WriteContext = { store, dryRun: isDryRun(url), mesh: opts.mesh, url, ...(models ? { models } : {}), ...target };
    const body = await readBody(req);
    const contentType = req.headers['content-type'] ?? 'application/json';
    const result =
      verb === 'create'
        ? createObject(ctx, body, contentType)
        : verb === 'update'
          ? replaceObject(ctx, body, contentType)
          : verb === 'patch'
            ? patchObject(ctx, body, contentType)
            : verb === 'delete'
              ? deleteObject(ctx, body)
              : deleteCollection(ctx, query);
    if (result.warnings?.length) res.setHeader('Warning', result.warnings.map((w) => `299 - ${JSON.stringify(w)}`));
    sendJson(res, result.code, result.body);
  } catch (err) {
    const e = asKubeError(err);
    if (e.code >= 500) console.error('[demo kube] request failed:', err);
    if (res.headersSent) res.end();
    else sendStatus(res, e.status);
  }
}
