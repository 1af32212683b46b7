import 'server-only';
import { ISTIO_KIND_LIST, validateIstioObject } from '@/lib/istio';
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
    return ISTIO_KIND_LIST.flatMap(({ id, kind, apiVersion }) =>
      ctx.items(id).flatMap((item) => {
        const result = validateIstioObject({ ...item.obj, apiVersion, kind });
        if (result.ok) return [];
        return result.causes
          .filter((c) => !isWeightSum(c.field, c.message))
          .map((c) => finding(this, item, c.field, `Schema validation error: ${c.field ? `${c.field}: ` : ''}${c.message}`));
      }),
    );
  },
};
