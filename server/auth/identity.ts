import 'server-only';
import { getConfig } from '@/server/config';
import { MeridianError } from '@/server/http/errors';

/**
 * Who is calling, per the configured auth strategy (meridian.yaml `auth.strategy`):
 *   anonymous  every caller is "anonymous"; writes use the cluster's kubeconfig credentials.
 *   header     a trusted proxy in front of the console names the user in `auth.header`
 *              (e.g. X-Forwarded-User); writes still use the kubeconfig credentials.
 *   token      the caller's `Authorization: Bearer <token>` is their Kubernetes credential: writes
 *              are sent with that token (server/kube/caller-client.ts), so the cluster's RBAC decides.
 *              The console cannot know the token's user name, so it records "token-user".
 * The token never leaves the server: it is neither logged nor returned.
 */
export interface Caller {
  user: string;
  /** The caller's own Kubernetes bearer token (strategy "token" only). */
  token?: string;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/** The caller of a request. Missing credentials for the header/token strategies are a 401. */
export function callerOf(req: Request): Caller {
  const auth = getConfig().auth;
  switch (auth.strategy) {
    case 'header': {
      const name = auth.header ? req.headers.get(auth.header)?.trim() : undefined;
      if (!name) throw new MeridianError('unauthorized', `missing identity header ${auth.header ?? ''}`.trim());
      return { user: name.slice(0, 253) };
    }
    case 'token': {
      const token = BEARER.exec(req.headers.get('authorization') ?? '')?.[1];
      if (!token) throw new MeridianError('unauthorized', 'missing bearer token (Authorization: Bearer <token>)');
      return { user: 'token-user', token };
    }
    default:
      return { user: 'anonymous' };
  }
}

/** The caller's name for display (never throws: an unidentified caller is "anonymous"). */
export function callerName(req: Request): string {
  try {
    return callerOf(req).user;
  } catch {
    return 'anonymous';
  }
}
