import 'server-only';
import { findResource, type ResourceDef } from './resources';
import { KubeError, status } from './status';

// Resource paths of the REST API:
//   /api/v1/<plural>[/<name>]                        cluster-scoped kinds, or every namespace
//   /api/v1/namespaces/<ns>/<plural>[/<name>]        namespaced kinds in one namespace
//   /apis/<group>/<version>/...                      the same for named groups

export interface ResourcePath {
  def: ResourceDef;
  /** The namespace of the path; undefined for cluster-scoped kinds and all-namespaces lists. */
  namespace?: string;
  name?: string;
  /** Set for /<name>/scale. */
  subresource?: 'scale';
}

export function pathNotFound(path: string): KubeError {
  return new KubeError(status(404, 'NotFound', `the server could not find the requested resource (${path})`));
}

/** The resource a path names, or undefined when the path is not a resource path at all. */
export function parseResourcePath(pathname: string): ResourcePath | undefined {
  const parts = pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') {
    group = '';
    rest = parts.slice(1);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1] ?? '';
    rest = parts.slice(2);
  } else return undefined;
  const [version = '', ...segs] = rest;
  if (segs.length === 0) return undefined;

  // namespaces/<ns>/<plural>[/<name>]
  if (segs[0] === 'namespaces' && segs.length >= 3) {
    const [, namespace, plural = '', name, sub] = segs;
    const def = findResource(group, version, plural);
    if (!def?.namespaced || (sub !== undefined && !(sub === 'scale' && def.scalable && segs.length === 5))) {
      throw pathNotFound(pathname);
    }
    return { def, namespace, ...(name ? { name } : {}), ...(sub ? { subresource: 'scale' as const } : {}) };
  }
  const [plural = '', name, sub] = segs;
  const def = findResource(group, version, plural);
  if (!def || sub !== undefined) throw pathNotFound(pathname);
  if (def.namespaced && name !== undefined) throw pathNotFound(pathname);
  return { def, ...(name ? { name } : {}) };
}
