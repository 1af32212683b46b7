import { z } from 'zod';

/** DNS-1123 label: what Kubernetes accepts as a namespace or cluster name. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const dnsName = z
  .string()
  .min(1, 'must not be empty')
  .max(63, 'must be at most 63 characters')
  .regex(DNS1123_LABEL, 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending alphanumeric');

/** A comma-separated list of DNS-1123 names in a query string ("" or absent = none). */
export const dnsNameList = z
  .string()
  .max(4096, 'list is too long')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(dnsName).max(500, 'too many names'));
