import 'server-only';
import type { KubeObject } from '../../types';
import { KubeError, qualifiedResource, status } from '../status';
import type { ClusterStore } from '../store';
import { describeSubject, ruleAllows, subjectMatches } from './rules';
import { RBAC_API_VERSION, type Attributes, type Decision, type PolicyRule, type RoleRef, type Subject, type UserInfo } from './types';

// The RBAC authorizer over the Role, ClusterRole, RoleBinding and ClusterRoleBinding objects of
// one cluster's store, read at every request (so a binding made with kubectl counts at once).
// ClusterRoleBindings grant their ClusterRole everywhere; a RoleBinding grants its Role or
// ClusterRole inside its own namespace only (never non-resource URLs). Nothing is denied
// explicitly: a request is allowed when some rule allows it.

interface Binding {
  kind: 'ClusterRoleBinding' | 'RoleBinding';
  name: string;
  namespace?: string;
  roleRef: RoleRef;
  subjects: Subject[];
}

/** A rule of a role, and the binding that gave it to the user. */
export interface GrantedRule {
  rule: PolicyRule;
  binding: Binding;
  /** The namespace the rule applies in; undefined: everywhere (a ClusterRoleBinding). */
  namespace?: string;
}

function bindingOf(o: KubeObject): Binding {
  return {
    kind: o.kind as Binding['kind'],
    name: o.metadata.name,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    roleRef: (o.roleRef ?? { apiGroup: '', kind: '', name: '' }) as RoleRef,
    subjects: Array.isArray(o.subjects) ? (o.subjects as Subject[]) : [],
  };
}

function rulesOf(role: KubeObject | undefined): PolicyRule[] {
  return role && Array.isArray(role.rules) ? (role.rules as PolicyRule[]) : [];
}

export class RbacAuthorizer {
  constructor(private readonly store: ClusterStore) {}

  private roleRules(ref: RoleRef, namespace: string | undefined): PolicyRule[] {
    if (ref.kind === 'ClusterRole') return rulesOf(this.store.get(RBAC_API_VERSION, 'ClusterRole', undefined, ref.name));
    if (ref.kind === 'Role' && namespace) return rulesOf(this.store.get(RBAC_API_VERSION, 'Role', namespace, ref.name));
    return [];
  }

  /**
   * Every rule the user holds that applies in `namespace` (cluster-wide rules included), or only
   * the cluster-wide ones when `namespace` is undefined. `onMatch` may stop the walk by returning true.
   */
  visitRules(user: UserInfo, namespace: string | undefined, onMatch: (granted: GrantedRule, subject: Subject) => boolean | void): void {
    const bindings = [
      ...this.store.list(RBAC_API_VERSION, 'ClusterRoleBinding').map(bindingOf),
      ...(namespace ? this.store.list(RBAC_API_VERSION, 'RoleBinding', namespace).map(bindingOf) : []),
    ];
    for (const binding of bindings) {
      const subject = binding.subjects.find((s) => subjectMatches(s, user, binding.namespace));
      if (!subject) continue;
      for (const rule of this.roleRules(binding.roleRef, binding.namespace)) {
        if (onMatch({ rule, binding, ...(binding.namespace ? { namespace: binding.namespace } : {}) }, subject) === true) return;
      }
    }
  }

  authorize(attrs: Attributes): Decision {
    let reason = '';
    const namespace = attrs.resourceRequest ? attrs.namespace : undefined;
    this.visitRules(attrs.user, namespace || undefined, ({ rule, binding }, subject) => {
      if (!ruleAllows(rule, attrs)) return false;
      const where = binding.namespace ? `${binding.name}/${binding.namespace}` : binding.name;
      reason = `RBAC: allowed by ${binding.kind} "${where}" of ${binding.roleRef.kind} "${binding.roleRef.name}" to ${describeSubject(subject)}`;
      return true;
    });
    return { allowed: reason !== '', reason };
  }

  /** 403 Forbidden worded like the API server when RBAC allows nothing for `attrs`. */
  check(attrs: Attributes): void {
    const decision = this.authorize(attrs);
    if (!decision.allowed) throw forbidden(attrs);
  }
}

/**
 * The API server's refusal: `virtualservices.networking.istio.io "reviews" is forbidden: User
 * "alice" cannot delete resource "virtualservices" in API group "networking.istio.io" in the
 * namespace "bookinfo"`, or `forbidden: User "bob" cannot get path "/apis"`.
 */
export function forbidden(attrs: Attributes, reason = ''): KubeError {
  const user = attrs.user.name;
  if (!attrs.resourceRequest) {
    const message = `forbidden: User "${user}" cannot ${attrs.verb} path "${attrs.path}"${reason ? `: ${reason}` : ''}`;
    return new KubeError(status(403, 'Forbidden', message, {}));
  }
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const scope = attrs.namespace ? `in the namespace "${attrs.namespace}"` : 'at the cluster scope';
  const what = qualifiedResource(attrs.resource, attrs.apiGroup);
  const message =
    `${what}${attrs.name ? ` "${attrs.name}"` : ''} is forbidden: User "${user}" cannot ${attrs.verb} ` +
    `resource "${resource}" in API group "${attrs.apiGroup}" ${scope}${reason ? `: ${reason}` : ''}`;
  return new KubeError(status(403, 'Forbidden', message, { ...(attrs.name ? { name: attrs.name } : {}), group: attrs.apiGroup, kind: attrs.resource }));
}
