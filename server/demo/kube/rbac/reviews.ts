import 'server-only';
import { isPlainObject } from '../objects';
import { badRequest, invalid } from '../status';
import type { RbacAuthorizer } from './authorizer';
import type { OidcAuthenticator } from './oidc';
import { authenticateToken } from './authn';
import type { Attributes, PolicyRule, UserInfo } from './types';

// The review kinds, answered at once and never stored (POST only, 201 Created):
//   authorization.k8s.io/v1  SelfSubjectAccessReview, SubjectAccessReview, LocalSubjectAccessReview,
//                            SelfSubjectRulesReview
//   authentication.k8s.io/v1 SelfSubjectReview (kubectl auth whoami), TokenReview
// Creating one is itself authorized first (system:basic-user grants the self reviews to everyone).

export interface ReviewContext {
  kind: string;
  body: unknown;
  /** The caller (after impersonation): the subject of the self reviews. */
  user: UserInfo;
  /** The path's namespace (LocalSubjectAccessReview). */
  namespace?: string;
  rbac: RbacAuthorizer;
  oidc?: OidcAuthenticator;
}

type Fields = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const fields = (v: unknown): Fields => (isPlainObject(v) ? v : {});

function userInfoJson(u: UserInfo) {
  return { username: u.name, ...(u.uid ? { uid: u.uid } : {}), groups: u.groups, ...(u.extra ? { extra: u.extra } : {}) };
}

/** The attributes a *SubjectAccessReview spec asks about; exactly one kind of attributes is allowed. */
function specAttributes(kind: string, spec: Fields, user: UserInfo): Attributes {
  const res = spec.resourceAttributes;
  const nonRes = spec.nonResourceAttributes;
  if (isPlainObject(res) === isPlainObject(nonRes)) {
    throw invalid(kind, 'authorization.k8s.io', '', [
      { reason: 'FieldValueInvalid', field: 'spec.resourceAttributes', message: `${JSON.stringify(res ?? null)}: exactly one of nonResourceAttributes or resourceAttributes must be specified` },
    ]);
  }
  if (isPlainObject(nonRes)) return { user, verb: str(nonRes.verb), resourceRequest: false, path: str(nonRes.path) };
  const r = fields(res);
  const subresource = str(r.subresource);
  const namespace = str(r.namespace);
  const name = str(r.name);
  return {
    user,
    verb: str(r.verb),
    resourceRequest: true,
    apiGroup: str(r.group),
    resource: str(r.resource),
    ...(subresource ? { subresource } : {}),
    ...(namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  };
}

function accessReview(ctx: ReviewContext, spec: Fields): Fields {
  let subject = ctx.user;
  if (ctx.kind !== 'SelfSubjectAccessReview') {
    const name = str(spec.user);
    const groups = strings(spec.groups);
    if (!name && groups.length === 0) {
      throw invalid(ctx.kind, 'authorization.k8s.io', '', [{ reason: 'FieldValueInvalid', field: 'spec.user', message: '"": at least one of user or group must be specified' }]);
    }
    const extra = fields(spec.extra) as Record<string, string[]>;
    subject = { name, groups, ...(str(spec.uid) ? { uid: str(spec.uid) } : {}), ...(Object.keys(extra).length ? { extra } : {}) };
  }
  const attrs = specAttributes(ctx.kind, spec, subject);
  if (ctx.kind === 'LocalSubjectAccessReview') {
    if (!attrs.resourceRequest) {
      throw invalid(ctx.kind, 'authorization.k8s.io', '', [{ reason: 'FieldValueInvalid', field: 'spec.nonResourceAttributes', message: 'disallowed on this kind of request' }]);
    }
    if (attrs.namespace && attrs.namespace !== ctx.namespace) {
      throw badRequest(`spec.resourceAttributes.namespace must match namespace: ${ctx.namespace}`);
    }
    attrs.namespace = ctx.namespace;
  }
  const decision = ctx.rbac.authorize(attrs);
  return { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) };
}

function rulesReview(ctx: ReviewContext, spec: Fields): Fields {
  const namespace = str(spec.namespace);
  if (!namespace) throw badRequest('no namespace on request');
  const resourceRules: PolicyRule[] = [];
  const nonResourceRules: { verbs: string[]; nonResourceURLs: string[] }[] = [];
  ctx.rbac.visitRules(ctx.user, namespace, ({ rule, namespace: boundIn }) => {
    if (rule.nonResourceURLs?.length) {
      if (!boundIn) nonResourceRules.push({ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs });
      return;
    }
    resourceRules.push({
      verbs: rule.verbs,
      apiGroups: rule.apiGroups ?? [],
      resources: rule.resources ?? [],
      ...(rule.resourceNames?.length ? { resourceNames: rule.resourceNames } : {}),
    });
  });
  return { resourceRules, nonResourceRules, incomplete: false };
}

async function tokenReview(ctx: ReviewContext, spec: Fields): Promise<Fields> {
  const token = str(spec.token);
  if (!token) throw invalid('TokenReview', 'authentication.k8s.io', '', [{ reason: 'FieldValueRequired', field: 'spec.token', message: 'Required value' }]);
  const user = await authenticateToken(token, ctx.oidc);
  return user ? { authenticated: true, user: userInfoJson(user) } : { authenticated: false };
}

/** The review object with its status filled in. */
export async function answerReview(ctx: ReviewContext): Promise<Fields> {
  const body = fields(ctx.body);
  const spec = fields(body.spec);
  const metadata = { ...fields(body.metadata), creationTimestamp: null };
  const out = { apiVersion: body.apiVersion, kind: ctx.kind, metadata };
  switch (ctx.kind) {
    case 'SelfSubjectReview':
      return { ...out, status: { userInfo: userInfoJson(ctx.user) } };
    case 'TokenReview':
      return { ...out, spec, status: await tokenReview(ctx, spec) };
    case 'SelfSubjectRulesReview':
      return { ...out, spec, status: rulesReview(ctx, spec) };
    default:
      return { ...out, spec: ctx.kind === 'LocalSubjectAccessReview' ? withNamespace(spec, ctx.namespace) : spec, status: accessReview(ctx, spec) };
  }
}

function withNamespace(spec: Fields, namespace: string | undefined): Fields {
  const res = fields(spec.resourceAttributes);
  return isPlainObject(spec.resourceAttributes) ? { ...spec, resourceAttributes: { ...res, namespace } } : spec;
}
