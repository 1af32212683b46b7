import 'server-only';
import { isPlainObject } from '../objects';
import type { StatusCause } from '../status';

// The field errors of kube-apiserver's validation (k8s.io/apimachinery/pkg/util/validation/field),
// worded as it words them, and the checks every kind shares: label keys and values, annotations,
// label selectors, port numbers and names, DNS names, int-or-percent values.

export type J = Record<string, unknown>;
export type Causes = StatusCause[];

export const obj = (v: unknown): J => (isPlainObject(v) ? v : {});
export const arr = (v: unknown): J[] => (Array.isArray(v) ? v.map(obj) : []);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** A value as field.Invalid prints it: strings quoted, numbers bare. */
export function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export const required = (field: string, detail = ''): StatusCause => ({ reason: 'FieldValueRequired', field, message: detail ? `Required value: ${detail}` : 'Required value' });
export const invalidValue = (field: string, value: unknown, detail: string): StatusCause => ({ reason: 'FieldValueInvalid', field, message: `Invalid value: ${shown(value)}: ${detail}` });
export const forbidden = (field: string, detail: string): StatusCause => ({ reason: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` });
export const duplicate = (field: string, value: unknown): StatusCause => ({ reason: 'FieldValueDuplicate', field, message: `Duplicate value: ${shown(value)}` });
export const notFoundValue = (field: string, value: unknown): StatusCause => ({ reason: 'FieldValueNotFound', field, message: `Not found: ${shown(value)}` });
export const tooLong = (field: string, max: number): StatusCause => ({ reason: 'FieldValueTooLong', field, message: `Too long: must have at most ${max} bytes` });

export function notSupported(field: string, value: unknown, supported: string[]): StatusCause {
  return { reason: 'FieldValueNotSupported', field, message: `Unsupported value: ${shown(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}` };
}

/** An enumerated string field: nothing when absent or supported. */
export function oneOf(field: string, value: unknown, supported: string[]): Causes {
  return value === undefined || value === null || supported.includes(str(value)) ? [] : [notSupported(field, value, supported)];
}

export function nonNegative(field: string, value: unknown): Causes {
  const n = num(value);
  return n !== undefined && n < 0 ? [invalidValue(field, n, 'must be greater than or equal to 0')] : [];
}

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN = `${LABEL}(\\.${LABEL})*`;
const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?';
const whole = (re: string) => new RegExp(`^${re}$`);

export function dnsLabelErrors(value: string): string[] {
  const errs = value.length > 63 ? ['must be no more than 63 characters'] : [];
  if (!whole(LABEL).test(value)) {
    errs.push(`a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${LABEL}')`);
  }
  return errs;
}

export function dnsSubdomainErrors(value: string): string[] {
  const errs = value.length > 253 ? ['must be no more than 253 characters'] : [];
  if (!whole(SUBDOMAIN).test(value)) {
    errs.push(`a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${SUBDOMAIN}')`);
  }
  return errs;
}

/** A label or annotation key: `[prefix/]name`. */
export function qualifiedNameErrors(key: string): string[] {
  const parts = key.split('/');
  if (parts.length > 2) return [`a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QUALIFIED_NAME}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  const name = parts.pop()!;
  const errs = parts.length ? dnsSubdomainErrors(parts[0]!).map((e) => `prefix part ${e}`) : [];
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name.length > 0 && !whole(QUALIFIED_NAME).test(name)) {
    errs.push(`name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QUALIFIED_NAME}')`);
  }
  return errs;
}

export function labelValueErrors(value: string): string[] {
  const errs = value.length > 63 ? ['must be no more than 63 characters'] : [];
  if (!whole(LABEL_VALUE).test(value)) {
    errs.push(`a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '${LABEL_VALUE}')`);
  }
  return errs;
}

export function labelCauses(field: string, labels: unknown): Causes {
  return Object.entries(obj(labels)).flatMap(([k, v]) => [
    ...qualifiedNameErrors(k).map((e) => invalidValue(field, k, e)),
    ...labelValueErrors(str(v)).map((e) => invalidValue(field, str(v), e)),
  ]);
}

const ANNOTATIONS_MAX = 256 * 1024;

export function metadataCauses(metadata: unknown): Causes {
  const meta = obj(metadata);
  const annotations = obj(meta.annotations);
  const size = Object.entries(annotations).reduce((n, [k, v]) => n + k.length + str(v).length, 0);
  return [
    ...labelCauses('metadata.labels', meta.labels),
    ...Object.keys(annotations).flatMap((k) => qualifiedNameErrors(k.toLowerCase()).map((e) => invalidValue('metadata.annotations', k, e))),
    ...(size > ANNOTATIONS_MAX ? [tooLong('metadata.annotations', ANNOTATIONS_MAX)] : []),
  ];
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export function selectorCauses(field: string, selector: unknown): Causes {
  const sel = obj(selector);
  const causes = labelCauses(`${field}.matchLabels`, sel.matchLabels);
  arr(sel.matchExpressions).forEach((e, i) => {
    const at = `${field}.matchExpressions[${i}]`;
    const op = str(e.operator);
    const values = Array.isArray(e.values) ? e.values : [];
    causes.push(...qualifiedNameErrors(str(e.key)).map((m) => invalidValue(`${at}.key`, str(e.key), m)));
    if (!OPERATORS.includes(op)) causes.push(invalidValue(`${at}.operator`, op, 'not a valid selector operator'));
    else if ((op === 'In' || op === 'NotIn') && values.length === 0) causes.push(required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    else if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) causes.push(forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  });
  return causes;
}

export function portNumberCauses(field: string, port: unknown): Causes {
  const n = num(port);
  return n !== undefined && (n < 1 || n > 65535) ? [invalidValue(field, n, 'must be between 1 and 65535, inclusive')] : [];
}

/** An IANA service name (a named port). */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** A port given as a number or a name (targetPort, probes, NetworkPolicy ports). */
export function intOrNamedPortCauses(field: string, value: unknown): Causes {
  if (typeof value === 'string') return portNameErrors(value).map((e) => invalidValue(field, value, e));
  return portNumberCauses(field, value);
}

/** An int-or-percent (maxSurge, minAvailable...): non-negative, a percent at most 100% where asked. */
export function intOrPercentCauses(field: string, value: unknown, atMost100 = false): Causes {
  if (typeof value === 'number') return nonNegative(field, value);
  if (typeof value !== 'string') return [];
  if (!/^[0-9]+%$/.test(value)) {
    return [invalidValue(field, value, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
  }
  return atMost100 && Number.parseInt(value, 10) > 100 ? [invalidValue(field, value, 'must not be greater than 100%')] : [];
}

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
