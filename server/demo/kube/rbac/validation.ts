import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../types';
import { isPlainObject } from '../objects';
import type { StatusCause } from '../status';
import { RBAC_GROUP } from './types';

// The API server's validation of rbac.authorization.k8s.io/v1 objects: names are path segments
// (`system:basic-user` is fine, `a/b` is not), rules need verbs and say what they apply to, roles
// bound in a namespace cannot name non-resource URLs, bindings name a role of a kind they may
// bind and subjects of known kinds, and a binding's roleRef never changes.

const cause = (field: string, message: string, reason = 'FieldValueInvalid'): StatusCause => ({ field, message, reason });
const required = (field: string, message = 'Required value') => cause(field, message, 'FieldValueRequired');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

export function rbacNameCauses(name: string): StatusCause[] {
  const bad =
    name === '.' || name === '..' ? `may not be '${name}'` : name.includes('/') ? "may not contain '/'" : name.includes('%') ? "may not contain '%'" : undefined;
  return bad ? [cause('metadata.name', `Invalid value: "${name}": ${bad}`)] : [];
}

function ruleCauses(kind: string, rules: unknown): StatusCause[] {
  const out: StatusCause[] = [];
  list(rules).forEach((raw, i) => {
    const at = `rules[${i}]`;
    const r = isPlainObject(raw) ? raw : {};
    if (list(r.verbs).length === 0) out.push(required(`${at}.verbs`, 'Required value: verbs must contain at least one value'));
    const nonResource = list(r.nonResourceURLs);
    const resources = list(r.resources);
    if (nonResource.length > 0) {
      if (kind === 'Role') out.push(cause(`${at}.nonResourceURLs`, `Invalid value: ${JSON.stringify(nonResource)}: namespaced rules cannot apply to non-resource URLs`));
      if (list(r.apiGroups).length || resources.length || list(r.resourceNames).length) {
        out.push(cause(`${at}.nonResourceURLs`, `Invalid value: ${JSON.stringify(nonResource)}: rules cannot apply to both regular resources and non-resource URLs`));
      }
    } else if (resources.length === 0) {
      out.push(required(`${at}.resources`, 'Required value: resource rules must supply at least one resource'));
    } else if (list(r.apiGroups).length === 0) {
      out.push(required(`${at}.apiGroups`, 'Required value: resource rules must supply at least one api group'));
    }
  });
  return out;
}

function bindingCauses(kind: string, obj: KubeObject): StatusCause[] {
  const out: StatusCause[] = [];
  const ref = isPlainObject(obj.roleRef) ? obj.roleRef : {};
  const kinds = kind === 'RoleBinding' ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (ref.apiGroup !== RBAC_GROUP) out.push(cause('roleRef.apiGroup', `Unsupported value: "${String(ref.apiGroup ?? '')}": supported values: "${RBAC_GROUP}"`, 'FieldValueNotSupported'));
  if (!kinds.includes(String(ref.kind))) {
    out.push(cause('roleRef.kind', `Unsupported value: "${String(ref.kind ?? '')}": supported values: ${kinds.map((k) => `"${k}"`).join(', ')}`, 'FieldValueNotSupported'));
  }
  if (typeof ref.name !== 'string' || ref.name === '') out.push(required('roleRef.name'));
  list(obj.subjects).forEach((raw, i) => {
    const s = isPlainObject(raw) ? raw : {};
    const at = `subjects[${i}]`;
    if (typeof s.name !== 'string' || s.name === '') out.push(required(`${at}.name`));
    if (!['ServiceAccount', 'User', 'Group'].includes(String(s.kind))) {
      out.push(cause(`${at}.kind`, `Unsupported value: "${String(s.kind ?? '')}": supported values: "ServiceAccount", "User", "Group"`, 'FieldValueNotSupported'));
    }
    if (s.kind === 'ServiceAccount' && kind === 'ClusterRoleBinding' && !s.namespace) out.push(required(`${at}.namespace`));
  });
  return out;
}

/** Field causes of an RBAC object (empty when valid); `current` is the stored object on updates. */
export function rbacCauses(obj: KubeObject, current: KubeObject | undefined): StatusCause[] {
  const causes = rbacNameCauses(obj.metadata.name);
  if (obj.kind === 'Role' || obj.kind === 'ClusterRole') return [...causes, ...ruleCauses(obj.kind, obj.rules)];
  causes.push(...bindingCauses(obj.kind, obj));
  if (current && !isDeepStrictEqual(current.roleRef, obj.roleRef)) {
    causes.push(cause('roleRef', `Invalid value: ${JSON.stringify(obj.roleRef)}: cannot change roleRef`));
  }
  return causes;
}
