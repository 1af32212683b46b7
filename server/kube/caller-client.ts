import 'server-only';
import { KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { getConfig } from '@/server/config';
import { kubeConfigFor, withTimeout } from './clients';

/**
 * THE one place where Meridian talks to an API server on behalf of a user: every create, replace
 * and delete of an Istio object, every history Event, and the live reads of the editor (GET
 * fallback, history) go through here, and this module alone chooses the credentials.
 *
 * Credentials (getConfig().auth.strategy):
 *   anonymous, header  the cluster's own kubeconfig (kubeConfigFor): the console's service account.
 *                      The header strategy only names the user in the history.
 *   token              a copy of the cluster's kubeconfig whose user is the caller's bearer token, so
 *                      the cluster's RBAC decides what this user may change (403s pass through).
 * A later user-identity strategy (OIDC, impersonation headers) plugs in at `kubeConfigForCaller`.
 */

/** What this module needs of a caller (server/auth/identity.ts's Caller): the bearer token of the token strategy. */
export interface CallerCredentials {
  token?: string;
}

const TIMEOUT_MS = 10_000;
const FIELD_MANAGER = 'meridian';

/** The kubeconfig a caller's requests to `cluster` use. */
export function kubeConfigForCaller(cluster: string, caller: CallerCredentials): KubeConfig {
  const base = kubeConfigFor(cluster);
  if (getConfig().auth.strategy !== 'token') return base;
  if (!caller.token) throw new Error('token strategy without a caller token');
  const server = base.getCurrentCluster();
  if (!server) throw new Error(`the kubeconfig of cluster ${cluster} has no current cluster`);
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [server],
    users: [{ name: 'meridian-caller', token: caller.token }],
    contexts: [{ name: 'meridian-caller', cluster: server.name, user: 'meridian-caller' }],
    currentContext: 'meridian-caller',
  });
  return kc;
}

// One client per kubeconfig: KubernetesObjectApi caches the API discovery it needs (kind -> plural).
const clients = new WeakMap<KubeConfig, KubernetesObjectApi>();

function client(cluster: string, caller: CallerCredentials): KubernetesObjectApi {
  const kc = kubeConfigForCaller(cluster, caller);
  let api = clients.get(kc);
  if (!api) {
    api = KubernetesObjectApi.makeApiClient(kc);
    clients.set(kc, api);
  }
  return api;
}

const dry = (dryRun: boolean) => (dryRun ? 'All' : undefined);
const timed = <T>(cluster: string, p: Promise<T>) => withTimeout(p, TIMEOUT_MS, `Cluster ${cluster}`);

/** An object as JSON. */
export type KubeObject = KubernetesObject & Record<string, unknown>;

/** A plain JSON copy (the client's deserializer makes Dates of timestamps). */
const plain = <T>(v: T): KubeObject => JSON.parse(JSON.stringify(v)) as KubeObject;

export interface ObjectHeader {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string };
}

export interface WriteTarget {
  cluster: string;
  caller: CallerCredentials;
  dryRun: boolean;
}

export async function createObject(t: WriteTarget, obj: KubernetesObject): Promise<KubeObject> {
  return plain(await timed(t.cluster, client(t.cluster, t.caller).create(obj, undefined, dry(t.dryRun), FIELD_MANAGER)));
}

/** PUT; metadata.resourceVersion in `obj` makes it conditional (409 when stale). */
export async function replaceObject(t: WriteTarget, obj: KubernetesObject): Promise<KubeObject> {
  return plain(await timed(t.cluster, client(t.cluster, t.caller).replace(obj, undefined, dry(t.dryRun), FIELD_MANAGER)));
}

/** DELETE, with a resourceVersion precondition when given (409 when stale). */
export async function deleteObject(t: WriteTarget, header: ObjectHeader, resourceVersion?: string): Promise<void> {
  const body = resourceVersion ? { preconditions: { resourceVersion } } : undefined;
  await timed(t.cluster, client(t.cluster, t.caller).delete(header, undefined, dry(t.dryRun), undefined, undefined, undefined, body));
}

/** A live read of one object (404 passes through as an ApiException). */
export async function readObject(cluster: string, caller: CallerCredentials, header: ObjectHeader): Promise<KubeObject> {
  return plain(await timed(cluster, client(cluster, caller).read(header)));
}

/** core v1 Events of one namespace matching a field selector (a user-initiated read of one object's history). */
export async function listEvents(cluster: string, caller: CallerCredentials, namespace: string, fieldSelector: string): Promise<KubeObject[]> {
  const list = await timed(cluster, client(cluster, caller).list('v1', 'Event', namespace, undefined, undefined, undefined, fieldSelector));
  return list.items.map(plain);
}
