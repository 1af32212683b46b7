import { z } from 'zod';

/**
 * A validation finding (server/validation, `npm run analyze`, POST /api/validate). Codes follow
 * istioctl analyze (IST0xxx) where istioctl has the same check, Meridian's own checks are MRDxxxx.
 */
export const severitySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof severitySchema>;

export const findingSchema = z.object({
  /** IST0101, MRD0001, ... */
  code: z.string(),
  /** ReferencedResourceNotFound, ... */
  name: z.string(),
  severity: severitySchema,
  /** Absent for offline input without a cluster. */
  cluster: z.string().optional(),
  kind: z.string(),
  namespace: z.string().optional(),
  objectName: z.string(),
  /** Field path in Kubernetes style, e.g. spec.http[0].route[1].destination.subset. */
  path: z.string().optional(),
  message: z.string(),
  /** 1-based line in the YAML it was read from, when known (offline files, POST /api/validate). */
  line: z.number().int().positive().optional(),
  /** The file it was read from (offline). */
  file: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;
