import 'server-only';
import { deadRules } from '../rule-matches';
import { finding, type Check } from '../types';

export const vsUnreachableRule: Check = {
  code: 'IST0130',
  name: 'VirtualServiceUnreachableRule',
  severity: 'warning',
  description: 'A VirtualService rule can never be used: an earlier rule matches everything, or all its matches repeat earlier ones.',
  run(ctx) {
    return ctx.items('VirtualService').flatMap((vs) =>
      deadRules(vs)
        .filter((d) => d.match === undefined)
        .map((d) => finding(this, vs, `spec.${d.proto}[${d.rule}]`, `VirtualService ${d.reason}; it is not used.`)),
    );
  },
};
