import 'server-only';
import { getConfig } from '@/server/config';
import { MeridianError } from '@/server/http/errors';
import { readJsonBody } from '@/server/http/body';
import { hasValidCsrfToken } from './csrf';
import { callerOf, type Caller } from './identity';
import { originVerdict } from './origin';

export type { Caller } from './identity';

export const READ_ONLY_MESSAGE = 'Meridian is in read-only mode';

export function isReadOnly(): boolean {
  return getConfig().readOnly === true;
}

/** 403 when the console is read-only (meridian.yaml `readOnly: true`). */
export function assertWritable(): void {
  if (isReadOnly()) throw new MeridianError('forbidden', READ_ONLY_MESSAGE);
}

export interface GuardedMutation {
  caller: Caller;
  /** The parsed JSON body (undefined when empty), at most 1 MiB. */
  body: unknown;
}

/**
 * The gate of every mutating handler, in this order:
 *   1. read-only mode                            -> 403 "Meridian is in read-only mode"
 *   2. Origin/Referer present and not ours       -> 403 "cross-origin request refused"
 *   3. CSRF header + cookie missing, unequal or unsigned -> 403 "missing or invalid CSRF token"
 *      (so a request with neither Origin nor a valid token is refused too)
 *   4. the caller's identity (401 when the strategy's credential is missing)
 *   5. the body, capped at 1 MiB                 -> 413 payload_too_large; bad JSON -> 400
 */
export async function guardMutation(req: Request): Promise<GuardedMutation> {
  assertWritable();
  if (originVerdict(req) === 'cross') throw new MeridianError('forbidden', 'cross-origin request refused');
  if (!hasValidCsrfToken(req)) throw new MeridianError('forbidden', 'missing or invalid CSRF token');
  const caller = callerOf(req);
  const body = await readJsonBody(req);
  return { caller, body };
}
