import 'server-only';
import { isWildcard } from '@/lib/mesh-rules/hosts';
import { rec, str } from '@/lib/mesh-rules/spec';
import { finding, type Check } from '../types';

export const drUnknownHost: Check = {
  code: 'IST0174',
  name: 'UnknownDestinationRuleHost',
  severity: 'warning',
  description: 'A DestinationRule\'s host is no Service (in any cluster), exported service or ServiceEntry host.',
  run(ctx) {
    return ctx.items('DestinationRule').flatMap((dr) => {
      const host = str(rec(dr.obj.spec).host);
      if (host === undefined || isWildcard(host)) return [];
      if (ctx.resolveHost(host, dr.namespace ?? 'default')) return [];
      return [finding(this, dr, 'spec.host', `DestinationRule for non-existent service "${host}" in namespace "${dr.namespace}" is ineffective.`)];
    });
  },
};
