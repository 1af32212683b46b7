import 'server-only';
import { groupVersions, servedResources, type ResourceDef } from './resources';

// Discovery documents: /version, /api, /apis, /api/v1, /apis/<group>[/<version>]. kubectl asks for
// these before anything else; the version minor decides which kubectl binary the machine's version
// dispatcher runs, so it must be a real one (1.32).

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4-demo',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const SERVER_ADDRESS = [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }];

function apiResource(def: ResourceDef) {
  return {
    name: def.plural,
    singularName: def.singular,
    namespaced: def.namespaced,
    kind: def.kind,
    verbs: def.verbs,
    ...(def.shortNames.length ? { shortNames: def.shortNames } : {}),
    ...(def.categories.length ? { categories: def.categories } : {}),
    storageVersionHash: Buffer.from(`${def.group}/${def.version}/${def.kind}`).toString('base64').slice(0, 11),
  };
}

/** The `<plural>/scale` entry kubectl scale looks for. */
function scaleResource(def: ResourceDef) {
  return { name: `${def.plural}/scale`, singularName: '', namespaced: def.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] };
}

function apiGroup(group: string, versions: string[]) {
  const gv = versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions: gv, preferredVersion: gv[0] };
}

/** The discovery document for a discovery path, or undefined when the path is not one. */
export function discoveryDocument(pathname: string): unknown {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/version') return SERVER_VERSION;
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: SERVER_ADDRESS };
  if (path === '/apis') {
    const groups = groupVersions()
      .filter((g) => g.group !== '')
      .map((g) => apiGroup(g.group, g.versions));
    return { kind: 'APIGroupList', apiVersion: 'v1', groups };
  }
  const core = /^\/api\/(v1)$/.exec(path);
  const named = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  const group = core ? '' : named?.[1];
  const version = core ? core[1] : named?.[2];
  if (group === undefined) return undefined;
  const known = groupVersions().find((g) => g.group === group);
  if (!known) return undefined;
  if (version === undefined) return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, known.versions) };
  if (!known.versions.includes(version)) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: servedResources().filter((r) => r.group === group && r.version === version).flatMap((r) =>
      r.scalable ? [apiResource(r), scaleResource(r)] : [apiResource(r)],
    ),
  };
}

