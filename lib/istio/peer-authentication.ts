// PeerAuthentication (security.istio.io/v1): the mTLS mode workloads accept.
import { z } from 'zod';
import { kubeObject } from '../k8s/meta';
import { MatchLabelsSelector, enumOf, portNumber } from './common';

export const MutualTLS = z.looseObject({ mode: enumOf(['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT']).optional() });
export type MutualTLS = z.infer<typeof MutualTLS>;

export const PeerAuthenticationSpec = z
  .looseObject({
    selector: MatchLabelsSelector.optional(),
    mtls: MutualTLS.optional(),
    // Keys are port numbers (strings in YAML/JSON): the workload's container port.
    portLevelMtls: z.record(z.string(), MutualTLS).optional(),
  })
  .superRefine((spec, ctx) => {
    if (!spec.portLevelMtls) return;
    for (const key of Object.keys(spec.portLevelMtls)) {
      if (!/^\d+$/.test(key) || !portNumber.safeParse(Number(key)).success) {
        ctx.addIssue({
          code: 'custom',
          path: ['portLevelMtls', key],
          message: `portLevelMtls key "${key}" must be a port number between 1 and 65535`,
        });
      }
    }
    if (Object.keys(spec.portLevelMtls).length > 0 && !spec.selector) {
      ctx.addIssue({
        code: 'custom',
        path: ['selector'],
        message: 'portLevelMtls needs a selector: it applies only to selected workloads',
        params: { reason: 'FieldValueRequired' },
      });
    }
  });
export type PeerAuthenticationSpec = z.infer<typeof PeerAuthenticationSpec>;

export const PeerAuthentication = kubeObject('security.istio.io/v1', 'PeerAuthentication', PeerAuthenticationSpec);
export type PeerAuthentication = z.infer<typeof PeerAuthentication>;
