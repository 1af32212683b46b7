import 'server-only';
import type { IncomingMessage } from 'node:http';
import { DEMO_TOKENS } from '../types';
import { KubeError, qualifiedResource, status } from './status';

// Bearer tokens of the demo: `demo-editor` may do everything, `demo-viewer` only read. Anything
// else is 401; a viewer's write is 403 worded like RBAC's refusal.

export interface DemoUser {
  name: string;
  canWrite: boolean;
}

const USERS: Record<string, DemoUser> = {
  [DEMO_TOKENS.editor]: { name: 'demo-editor', canWrite: true },
  [DEMO_TOKENS.viewer]: { name: 'demo-viewer', canWrite: false },
};

export const READ_VERBS = new Set(['get', 'list', 'watch']);

export function authenticate(req: IncomingMessage): DemoUser {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const user = match?.[1] ? USERS[match[1]] : undefined;
  if (!user) throw new KubeError(status(401, 'Unauthorized', 'Unauthorized'));
  return user;
}

export interface AccessRequest {
  verb: string;
  group: string;
  plural: string;
  namespace?: string;
  name?: string;
}

export function authorize(user: DemoUser, access: AccessRequest): void {
  if (user.canWrite || READ_VERBS.has(access.verb)) return;
  const what = qualifiedResource(access.plural.split('/')[0] ?? access.plural, access.group);
  const scope = access.namespace ? `in the namespace "${access.namespace}"` : 'at the cluster scope';
  const message =
    `${what}${access.name ? ` "${access.name}"` : ''} is forbidden: User "${user.name}" cannot ${access.verb} ` +
    `resource "${access.plural}" in API group "${access.group}" ${scope}`;
  throw new KubeError(
    status(403, 'Forbidden', message, { ...(access.name ? { name: access.name } : {}), group: access.group, kind: access.plural }),
  );
}
