import 'server-only';
import type { Attributes, PolicyRule, ResourceAttributes, Subject, UserInfo } from './types';

// The rule semantics of Kubernetes RBAC (pkg/apis/rbac/v1 helpers of the RBAC authorizer):
// verbs, apiGroups, resources (with `*`, `res/sub` and `*/sub`), resourceNames (only for requests
// that name one object), nonResourceURLs (exact, `*`, or a `prefix*`); subjects User, Group and
// ServiceAccount.

const has = (list: string[] | undefined, value: string) => !!list && (list.includes('*') || list.includes(value));

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return has(rule.verbs, verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return has(rule.apiGroups, group);
}

export function resourceMatches(rule: PolicyRule, resource: string, subresource: string | undefined): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return (rule.resources ?? []).some((r) => r === '*' || r === combined || (subresource !== undefined && r === `*/${subresource}`));
}

/** Rules with resourceNames match only requests for one of those names (never list, create...). */
export function resourceNameMatches(rule: PolicyRule, name: string | undefined): boolean {
  if (!rule.resourceNames || rule.resourceNames.length === 0) return true;
  return name !== undefined && name !== '' && rule.resourceNames.includes(name);
}

export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))));
}

export function ruleAllows(rule: PolicyRule, attrs: Attributes): boolean {
  if (!verbMatches(rule, attrs.verb)) return false;
  if (!attrs.resourceRequest) return nonResourceURLMatches(rule, attrs.path);
  const a: ResourceAttributes = attrs;
  return apiGroupMatches(rule, a.apiGroup) && resourceMatches(rule, a.resource, a.subresource) && resourceNameMatches(rule, a.name);
}

/** `system:serviceaccount:<ns>:<name>`, the user name of a service account. */
export function serviceAccountUser(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** Whether a binding subject names this user; `bindingNamespace` is the default of a ServiceAccount's namespace. */
export function subjectMatches(subject: Subject, user: UserInfo, bindingNamespace?: string): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === user.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const ns = subject.namespace || bindingNamespace;
      return !!ns && user.name === serviceAccountUser(ns, subject.name);
    }
    default:
      return false;
  }
}

/** `User "alice"`, as in the reasons of the RBAC authorizer. */
export function describeSubject(subject: Subject): string {
  const ns = subject.kind === 'ServiceAccount' && subject.namespace ? `${subject.namespace}/` : '';
  return `${subject.kind} "${ns}${subject.name}"`;
}
