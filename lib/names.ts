import { z } from 'zod';
import { dns1123Label } from './k8s/meta';

/** A cluster or namespace name: a DNS-1123 label (one definition, lib/k8s/meta.ts). */
export const dnsName = dns1123Label;

/** A comma-separated list of DNS-1123 names in a query string ("" or absent = none). */
export const dnsNameList = z
  .string()
  .max(4096, 'list is too long')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(dnsName).max(500, 'too many names'));
