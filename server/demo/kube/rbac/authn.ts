import 'server-only';
import type { IncomingMessage } from 'node:http';
import { DEMO_TOKENS } from '../../types';
import { KubeError, status } from '../status';
import { looksLikeJwt, type OidcAuthenticator } from './oidc';
import { ALL_AUTHENTICATED, type UserInfo } from './types';

// Authentication of a request, like kube-apiserver's bearer-token chain: the static token file
// first (`demo-editor`, `demo-viewer`), then OIDC ID tokens when an issuer is configured. Every
// authenticated user is in system:authenticated. No credential, or one nobody accepts: 401.

const STATIC_USERS: Record<string, string> = {
  [DEMO_TOKENS.editor]: 'demo-editor',
  [DEMO_TOKENS.viewer]: 'demo-viewer',
};

export const unauthorized = () => new KubeError(status(401, 'Unauthorized', 'Unauthorized'));

export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  return user.groups.includes(ALL_AUTHENTICATED) ? user : { ...user, groups: [...user.groups, ALL_AUTHENTICATED] };
}

/** The user of a bearer token, or undefined when no authenticator accepts it. */
export async function authenticateToken(token: string, oidc: OidcAuthenticator | undefined): Promise<UserInfo | undefined> {
  const name = STATIC_USERS[token];
  if (name) return withAuthenticatedGroup({ name, groups: [] });
  if (oidc && looksLikeJwt(token)) {
    const user = await oidc(token);
    return user && withAuthenticatedGroup(user);
  }
  return undefined;
}

export async function authenticate(req: IncomingMessage, oidc: OidcAuthenticator | undefined): Promise<UserInfo> {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const user = match?.[1] ? await authenticateToken(match[1], oidc) : undefined;
  if (!user) throw unauthorized();
  return user;
}
