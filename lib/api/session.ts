import { z } from 'zod';

/**
 * The session and mutation contract between the browser and every mutating route:
 *   GET /api/csrf -> CsrfResponse, and sets the cookie CSRF_COOKIE; every mutation sends the token
 *   as header CSRF_HEADER (with the cookie), as same-origin JSON of at most MAX_BODY_BYTES.
 */
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_COOKIE = 'meridian-csrf';

/** Bodies larger than this are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const csrfResponseSchema = z.object({
  token: z.string(),
  /** Meridian is in read-only mode: every mutation is refused (403); hide edit controls. */
  readOnly: z.boolean().default(false),
  /** The caller's name as the console sees it ("anonymous" without auth). */
  user: z.string().default('anonymous'),
});
export type CsrfResponse = z.infer<typeof csrfResponseSchema>;
