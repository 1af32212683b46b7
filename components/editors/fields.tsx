'use client';

import { FormGroup, FormHelperText, HelperText, HelperTextItem, TextInput } from '@patternfly/react-core';
import type { FieldCause } from '@/lib/istio';

/** The schema's messages for a field, shown under it (the field path names where it is). */
export function FieldErrors({ causes, testId }: { causes: readonly FieldCause[]; testId?: string }) {
  if (!causes.length) return null;
  return (
    <FormHelperText>
      <HelperText data-testid={testId}>
        {causes.map((c) => (
          <HelperTextItem key={`${c.field}:${c.message}`} variant="error">
            {c.field}: {c.message}
          </HelperTextItem>
        ))}
      </HelperText>
    </FormHelperText>
  );
}

interface TextProps {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  causes?: readonly FieldCause[];
  placeholder?: string;
  isDisabled?: boolean;
}

export function TextField({ id, label, value, onChange, causes = [], placeholder, isDisabled }: TextProps) {
  return (
    <FormGroup label={label} fieldId={id}>
      <TextInput
        id={id}
        value={value}
        onChange={(_e, v) => onChange(v)}
        placeholder={placeholder}
        validated={causes.length ? 'error' : 'default'}
        isDisabled={isDisabled}
      />
      <FieldErrors causes={causes} />
    </FormGroup>
  );
}

interface NumberProps {
  id: string;
  label: string;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  causes?: readonly FieldCause[];
  placeholder?: string;
  isDisabled?: boolean;
}

/** A number input; empty means "not set". */
export function NumberField({ id, label, value, onChange, causes = [], placeholder, isDisabled }: NumberProps) {
  return (
    <FormGroup label={label} fieldId={id}>
      <TextInput
        id={id}
        type="number"
        value={value === undefined ? '' : String(value)}
        onChange={(_e, v) => onChange(v.trim() === '' ? undefined : Number(v))}
        placeholder={placeholder}
        validated={causes.length ? 'error' : 'default'}
        isDisabled={isDisabled}
      />
      <FieldErrors causes={causes} />
    </FormGroup>
  );
}
