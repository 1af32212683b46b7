// VirtualService match conditions: HTTPMatchRequest, L4MatchAttributes (tcp), TLSMatchAttributes (tls).
import { z } from 'zod';
import { labelMap } from '../../k8s/meta';
import { StringMatch, nonEmpty, portNumber, stringMatchMap } from '../common';

/** Fields every match kind shares: port, source workload labels/namespace, gateways. */
const sourceAndPort = {
  port: portNumber.optional(),
  sourceLabels: labelMap.optional(),
  sourceNamespace: z.string().optional(),
  gateways: z.array(nonEmpty('gateway')).optional(),
};

export const HTTPMatchRequest = z.looseObject({
  name: z.string().optional(),
  uri: StringMatch.optional(),
  scheme: StringMatch.optional(),
  method: StringMatch.optional(),
  authority: StringMatch.optional(),
  headers: stringMatchMap.optional(),
  queryParams: stringMatchMap.optional(),
  withoutHeaders: stringMatchMap.optional(),
  ignoreUriCase: z.boolean().optional(),
  statPrefix: z.string().optional(),
  ...sourceAndPort,
});
export type HTTPMatchRequest = z.infer<typeof HTTPMatchRequest>;

export const L4MatchAttributes = z.looseObject({
  destinationSubnets: z.array(z.string()).optional(),
  sourceSubnet: z.string().optional(),
  ...sourceAndPort,
});
export type L4MatchAttributes = z.infer<typeof L4MatchAttributes>;

export const TLSMatchAttributes = z.looseObject({
  sniHosts: z.array(nonEmpty('sniHost')).min(1, { error: 'at least one sniHost is required' }),
  destinationSubnets: z.array(z.string()).optional(),
  ...sourceAndPort,
});
export type TLSMatchAttributes = z.infer<typeof TLSMatchAttributes>;
