// RequestAuthentication (security.istio.io/v1): which JWTs a workload accepts.
import { z } from 'zod';
import { kubeObject } from '../k8s/meta';
import { checkPolicyTarget, duration, nonEmpty, policyTargetFields } from './common';

export const JWTRule = z.looseObject({
  issuer: nonEmpty('issuer'),
  audiences: z.array(z.string()).optional(),
  jwksUri: z.string().optional(),
  jwks: z.string().optional(),
  fromHeaders: z.array(z.looseObject({ name: nonEmpty('header name'), prefix: z.string().optional() })).optional(),
  fromParams: z.array(z.string()).optional(),
  fromCookies: z.array(z.string()).optional(),
  outputPayloadToHeader: z.string().optional(),
  forwardOriginalToken: z.boolean().optional(),
  outputClaimToHeaders: z
    .array(z.looseObject({ header: nonEmpty('header'), claim: nonEmpty('claim') }))
    .optional(),
  timeout: duration.optional(),
});
export type JWTRule = z.infer<typeof JWTRule>;

export const RequestAuthenticationSpec = z
  .looseObject({ ...policyTargetFields, jwtRules: z.array(JWTRule).optional() })
  .superRefine((spec, ctx) => checkPolicyTarget(spec, ctx));
export type RequestAuthenticationSpec = z.infer<typeof RequestAuthenticationSpec>;

export const RequestAuthentication = kubeObject(
  'security.istio.io/v1',
  'RequestAuthentication',
  RequestAuthenticationSpec,
);
export type RequestAuthentication = z.infer<typeof RequestAuthentication>;
