import 'server-only';
import { ISTIO_KINDS, isIstioKindName, validateIstioObject } from '@/lib/istio';
import { finding, type Check } from '../types';

/** The weight sum has its own check (MRD0005): not reported twice. */
const isWeightSum = (field: string, message: string) => field.endsWith('.route') && message.startsWith('the weights of');

/** Every Istio and MCS object against its kind's schema, as the API server's validation would. */
export const schema: Check = {
  code: 'IST0106',
  name: 'SchemaValidationError',
  severity: 'error',
  description: 'An Istio or MCS object does not pass its kind\'s schema validation.',
  run(ctx) {
    return Object.keys(ISTIO_KINDS).flatMap((kind) =>
      ctx.items(kind).flatMap((item) => {
        if (!isIstioKindName(kind)) return [];
        const result = validateIstioObject({ ...item.obj, apiVersion: ISTIO_KINDS[kind].apiVersion, kind });
        if (result.ok) return [];
        return result.causes
          .filter((c) => !isWeightSum(c.field, c.message))
          .map((c) => finding(this, item, c.field, `Schema validation error: ${c.field ? `${c.field}: ` : ''}${c.message}`));
      }),
    );
  },
};
