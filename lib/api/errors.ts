import { z } from 'zod';

/** Every error code the HTTP API answers with; one mapper (server/http/errors.ts) chooses the status. */
export const errorCodeSchema = z.enum([
  'bad_request',
  'invalid',
  'unauthorized',
  'forbidden',
  'not_found',
  'unknown_cluster',
  'conflict',
  'payload_too_large',
  'upstream',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const fieldCauseSchema = z.object({ field: z.string(), message: z.string(), reason: z.string().optional() });
export type FieldCause = z.infer<typeof fieldCauseSchema>;

/** The body of every non-2xx answer: `{error: {code, message, cluster?, field?, causes?}}`. */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    cluster: z.string().optional(),
    field: z.string().optional(),
    causes: z.array(fieldCauseSchema).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
export type ApiErrorDetail = ApiErrorBody['error'];
