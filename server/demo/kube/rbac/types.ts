import 'server-only';

// The shapes of Kubernetes authentication and authorization as the demo API server uses them:
// user.Info, authorizer.Attributes, and the rbac.authorization.k8s.io/v1 rule and binding fields.

/** Who is calling, after authentication (and impersonation). */
export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** Every authenticated user is in this group; RBAC grants discovery and self-reviews to it. */
export const ALL_AUTHENTICATED = 'system:authenticated';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const RBAC_API_VERSION = `${RBAC_GROUP}/v1`;

/** A request to authorize: a resource request or a request for a non-resource path. */
export type Attributes =
  | {
      user: UserInfo;
      verb: string;
      resourceRequest: true;
      apiGroup: string;
      /** The resource without the subresource, e.g. `deployments`. */
      resource: string;
      subresource?: string;
      namespace?: string;
      name?: string;
    }
  | { user: UserInfo; verb: string; resourceRequest: false; path: string };

export type ResourceAttributes = Extract<Attributes, { resourceRequest: true }>;

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount' | string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: 'Role' | 'ClusterRole' | string;
  name: string;
}

export interface Decision {
  allowed: boolean;
  /** `RBAC: allowed by ...` when allowed; empty when no rule allows (as the RBAC authorizer). */
  reason: string;
}
