// Client-side checks before anything is sent: the kind's schema (lib/istio validateIstioObject,
// the same rules the server applies, with Kubernetes field paths) and the body size limit.
import { MAX_BODY_BYTES } from '../../api/session';
import { istioKindOf } from '../kinds';
import { type FieldCause, validateIstioObject } from '../validate';
import { isObj, objAt, str } from './object';

export interface ClientCheck {
  causes: FieldCause[];
  /** Size in bytes of the request body that would carry the object. */
  bytes: number;
  tooLarge: boolean;
}

export function bodyBytes(obj: unknown): number {
  return new TextEncoder().encode(JSON.stringify({ object: obj })).length;
}

/**
 * Schema causes of the object, plus a cause when the name/namespace/kind differ from the object
 * being edited (`expect`): the URL is the object's identity, the YAML must not silently retarget it.
 */
export function checkObject(obj: unknown, expect?: { kind: string; namespace: string; name?: string }): ClientCheck {
  const result = validateIstioObject(obj);
  const causes = result.ok ? [] : [...result.causes];
  if (expect && isObj(obj)) {
    const meta = objAt(obj, 'metadata');
    // `expect.kind` is a kind id (ServiceExport.net.gke.io for GKE's group): compare ids.
    if (str(obj.kind) && (istioKindOf(obj)?.id ?? str(obj.kind)) !== expect.kind) {
      causes.push({ field: 'kind', message: `kind must stay ${expect.kind} in this editor`, reason: 'FieldValueInvalid' });
    }
    if (str(meta?.namespace) && str(meta?.namespace) !== expect.namespace) {
      causes.push({ field: 'metadata.namespace', message: `namespace must stay ${expect.namespace} in this editor`, reason: 'FieldValueInvalid' });
    }
    if (expect.name && str(meta?.name) !== expect.name) {
      causes.push({ field: 'metadata.name', message: `name must stay ${expect.name} (create a new object to use another name)`, reason: 'FieldValueInvalid' });
    }
  }
  const bytes = bodyBytes(obj);
  return { causes, bytes, tooLarge: bytes > MAX_BODY_BYTES };
}

/** Causes at a field or below it (spec.http[0] also gets spec.http[0].route). */
export function causesUnder(causes: readonly FieldCause[], prefix: string): FieldCause[] {
  return causes.filter((c) => c.field === prefix || c.field.startsWith(`${prefix}.`) || c.field.startsWith(`${prefix}[`));
}
