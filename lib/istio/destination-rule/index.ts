// DestinationRule (networking.istio.io/v1): policies applied after routing, and named subsets.
import { z } from 'zod';
import { kubeObject, labelMap } from '../../k8s/meta';
import { MatchLabelsSelector, exportTo, host, subsetName } from '../common';
import { TrafficPolicy } from './traffic-policy';

export const Subset = z.looseObject({
  name: subsetName,
  labels: labelMap.optional(),
  trafficPolicy: TrafficPolicy.optional(),
});
export type Subset = z.infer<typeof Subset>;

export const DestinationRuleSpec = z
  .looseObject({
    host,
    trafficPolicy: TrafficPolicy.optional(),
    subsets: z.array(Subset).optional(),
    exportTo: exportTo.optional(),
    workloadSelector: MatchLabelsSelector.optional(),
  })
  .superRefine((spec, ctx) => {
    const seen = new Set<string>();
    spec.subsets?.forEach((s, i) => {
      if (seen.has(s.name)) {
        ctx.addIssue({ code: 'custom', path: ['subsets', i, 'name'], message: `duplicate subset name "${s.name}"` });
      }
      seen.add(s.name);
    });
  });
export type DestinationRuleSpec = z.infer<typeof DestinationRuleSpec>;

export const DestinationRule = kubeObject('networking.istio.io/v1', 'DestinationRule', DestinationRuleSpec);
export type DestinationRule = z.infer<typeof DestinationRule>;

export * from './traffic-policy';
