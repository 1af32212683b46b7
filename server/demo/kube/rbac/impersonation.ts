import 'server-only';
import type { IncomingMessage } from 'node:http';
import { badRequest } from '../status';
import type { RbacAuthorizer } from './authorizer';
import { ALL_AUTHENTICATED, type ResourceAttributes, type UserInfo } from './types';

// User impersonation as kube-apiserver's impersonation filter: `Impersonate-User`,
// `Impersonate-Group` (repeated), `Impersonate-Uid` and `Impersonate-Extra-<key>` headers. The
// caller needs the `impersonate` verb on each thing it asks for: users (or serviceaccounts for
// `system:serviceaccount:<ns>:<name>`), groups, uids and userextras/<key> of authentication.k8s.io.
// Then the request goes on as the impersonated user, who is also in system:authenticated; the
// caller's own groups are gone. Groups, uid or extras without a user are refused.

const SA_PREFIX = 'system:serviceaccount:';
const EXTRA_PREFIX = 'impersonate-extra-';

function values(req: IncomingMessage, name: string): string[] {
  return (req.headersDistinct[name] ?? []).filter((v) => v !== '');
}

/** The user a request acts as: the authenticated one, or whom its impersonation headers name. */
export function impersonate(req: IncomingMessage, requester: UserInfo, rbac: RbacAuthorizer): UserInfo {
  const [userName] = values(req, 'impersonate-user');
  const groups = values(req, 'impersonate-group');
  const [uid] = values(req, 'impersonate-uid');
  const extra: Record<string, string[]> = {};
  for (const header of Object.keys(req.headersDistinct)) {
    if (!header.startsWith(EXTRA_PREFIX)) continue;
    let key: string;
    try {
      key = decodeURIComponent(header.slice(EXTRA_PREFIX.length)).toLowerCase();
    } catch {
      throw badRequest(`the impersonation header ${header} is not a percent-encoded key`);
    }
    extra[key] = values(req, header);
  }
  const hasExtra = Object.keys(extra).length > 0;
  if (userName === undefined) {
    if (groups.length || uid !== undefined || hasExtra) {
      throw badRequest('requested impersonation of groups, a uid or extra fields without impersonating a user (Impersonate-User is missing)');
    }
    return requester;
  }

  const check = (attrs: Omit<ResourceAttributes, 'user' | 'verb' | 'resourceRequest'>) =>
    rbac.check({ user: requester, verb: 'impersonate', resourceRequest: true, ...attrs });
  let impliedGroups: string[] = [];
  if (userName.startsWith(SA_PREFIX)) {
    const [namespace = '', name = ''] = userName.slice(SA_PREFIX.length).split(':');
    check({ apiGroup: '', resource: 'serviceaccounts', namespace, name });
    impliedGroups = ['system:serviceaccounts', `system:serviceaccounts:${namespace}`];
  } else {
    check({ apiGroup: '', resource: 'users', name: userName });
  }
  for (const group of groups) check({ apiGroup: '', resource: 'groups', name: group });
  if (uid !== undefined) check({ apiGroup: 'authentication.k8s.io', resource: 'uids', name: uid });
  for (const [key, list] of Object.entries(extra)) {
    for (const value of list) check({ apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: key, name: value });
  }

  const finalGroups = groups.length ? [...groups] : impliedGroups;
  if (userName !== 'system:anonymous' && !finalGroups.includes(ALL_AUTHENTICATED) && !finalGroups.includes('system:unauthenticated')) {
    finalGroups.push(ALL_AUTHENTICATED);
  }
  return { name: userName, groups: finalGroups, ...(uid !== undefined ? { uid } : {}), ...(hasExtra ? { extra } : {}) };
}
