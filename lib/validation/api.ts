import { z } from 'zod';
import { findingSchema } from './types';

/**
 * POST /api/validate: the analyzers of `npm run analyze` on posted YAML (what the editors call before
 * a dry-run). The body is capped at 1 MiB (413 above); malformed YAML is a 400 naming the line.
 */
export const validateRequestSchema = z.object({
  /** One or more YAML documents (`---` separated; a List is read item by item). */
  yaml: z.string(),
  /** The cluster the objects are meant for; required with withLive. */
  cluster: z.string().min(1).max(253).optional(),
  /**
   * Validate in the context of the live inventory: the posted objects replace the live objects of the
   * same kind/namespace/name in `cluster`, so references to live services, rules and pods resolve.
   * Only findings about the posted objects are returned.
   */
  withLive: z.boolean().default(false),
});
export type ValidateRequest = z.infer<typeof validateRequestSchema>;

/** Each finding carries `line`: the line of its object or field in the posted text. */
export const validateResponseSchema = z.object({ findings: z.array(findingSchema) });
export type ValidateResponse = z.infer<typeof validateResponseSchema>;
