import 'server-only';
import { deadRules } from '../rule-matches';
import { finding, type Check } from '../types';

export const vsIneffectiveMatch: Check = {
  code: 'IST0131',
  name: 'VirtualServiceIneffectiveMatch',
  severity: 'info',
  description: 'A match of a VirtualService rule repeats a match of an earlier rule, so it never takes effect.',
  run(ctx) {
    return ctx.items('VirtualService').flatMap((vs) =>
      deadRules(vs)
        .filter((d) => d.match !== undefined)
        .map((d) => finding(this, vs, `spec.${d.proto}[${d.rule}].match[${d.match}]`, `VirtualService ${d.reason}; it is not used.`)),
    );
  },
};
