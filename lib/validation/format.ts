import type { Finding, Severity } from './types';

const LEVEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

/** The object of a finding as istioctl names it: `Kind ns/name` or `Kind name`. */
export function resourceName(f: Pick<Finding, 'kind' | 'namespace' | 'objectName'>): string {
  return f.namespace !== undefined ? `${f.kind} ${f.namespace}/${f.objectName}` : `${f.kind} ${f.objectName}`;
}

/**
 * One line in istioctl analyze's form, e.g.
 * `Error [IST0101] (VirtualService bookinfo/details bookinfo.yaml:12) [ap-south] Referenced host+subset ...`
 * (file:line when read from a file, the cluster in brackets when the input has clusters).
 */
export function formatFinding(f: Finding): string {
  const where = f.file ? ` ${f.file}${f.line ? `:${f.line}` : ''}` : '';
  const cluster = f.cluster ? ` [${f.cluster}]` : '';
  return `${LEVEL[f.severity]} [${f.code}] (${resourceName(f)}${where})${cluster} ${f.message}`;
}
