// AuthorizationPolicy (security.istio.io/v1): access control on workloads (ALLOW, DENY, AUDIT, CUSTOM).
import { z } from 'zod';
import { kubeObject } from '../k8s/meta';
import { checkPolicyTarget, enumOf, nonEmpty, policyTargetFields } from './common';

const strings = z.array(z.string()).optional();

export const Source = z.looseObject({
  principals: strings,
  notPrincipals: strings,
  requestPrincipals: strings,
  notRequestPrincipals: strings,
  namespaces: strings,
  notNamespaces: strings,
  serviceAccounts: strings,
  notServiceAccounts: strings,
  ipBlocks: strings,
  notIpBlocks: strings,
  remoteIpBlocks: strings,
  notRemoteIpBlocks: strings,
});

export const Operation = z.looseObject({
  hosts: strings,
  notHosts: strings,
  ports: strings,
  notPorts: strings,
  methods: strings,
  notMethods: strings,
  paths: strings,
  notPaths: strings,
});

export const Condition = z.looseObject({ key: nonEmpty('condition key'), values: strings, notValues: strings });

export const Rule = z.looseObject({
  from: z.array(z.looseObject({ source: Source.optional() })).optional(),
  to: z.array(z.looseObject({ operation: Operation.optional() })).optional(),
  when: z.array(Condition).optional(),
});
export type Rule = z.infer<typeof Rule>;

export const AuthorizationPolicySpec = z
  .looseObject({
    ...policyTargetFields,
    rules: z.array(Rule).optional(),
    action: enumOf(['ALLOW', 'DENY', 'AUDIT', 'CUSTOM']).optional(),
    provider: z.looseObject({ name: nonEmpty('provider name') }).optional(),
  })
  .superRefine((spec, ctx) => {
    checkPolicyTarget(spec, ctx);
    if (spec.action === 'CUSTOM' && !spec.provider) {
      ctx.addIssue({
        code: 'custom',
        path: ['provider'],
        message: 'action CUSTOM needs a provider (an extension provider of the mesh config)',
        params: { reason: 'FieldValueRequired' },
      });
    }
    if (spec.provider && spec.action !== 'CUSTOM') {
      ctx.addIssue({ code: 'custom', path: ['provider'], message: 'provider may only be set with action CUSTOM' });
    }
  });
export type AuthorizationPolicySpec = z.infer<typeof AuthorizationPolicySpec>;

export const AuthorizationPolicy = kubeObject('security.istio.io/v1', 'AuthorizationPolicy', AuthorizationPolicySpec);
export type AuthorizationPolicy = z.infer<typeof AuthorizationPolicy>;
