'use client';

import { Button, Flex, FlexItem, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { MinusCircleIcon, PlusCircleIcon } from '@patternfly/react-icons';
import type { FieldCause } from '@/lib/istio';
import { causesUnder, type Obj, readRequestRouting, type RoutingRuleForm, writeRequestRouting } from '@/lib/istio/forms';
import { FieldErrors } from './fields';

interface Props {
  object: Obj;
  onChange: (next: Obj) => void;
  causes: readonly FieldCause[];
  defaultHost: string;
}

/** Request routing: requests whose header or path matches go to one destination (before the catch-all). */
export function RequestRoutingSection({ object, onChange, causes, defaultHost }: Props) {
  const { rules } = readRequestRouting(object);
  const set = (next: RoutingRuleForm[]) => onChange(writeRequestRouting(object, { rules: next }));
  const edit = (j: number, patch: Partial<RoutingRuleForm>) => set(rules.map((r, k) => (k === j ? { ...r, ...patch } : r)));
  return (
    <div data-testid="request-routing">
      {rules.length === 0 && <p>No header or path rules: every request takes the default route.</p>}
      {rules.map((r, j) => (
        <div key={j} style={{ marginBottom: 8 }}>
          <Flex alignItems={{ default: 'alignItemsCenter' }}>
            <FlexItem>
              <FormSelect aria-label={`Match of rule ${j + 1}`} value={r.match} onChange={(_e, v) => edit(j, { match: v === 'path' ? 'path' : 'header' })}>
                <FormSelectOption value="header" label="Header" />
                <FormSelectOption value="path" label="Path" />
              </FormSelect>
            </FlexItem>
            {r.match === 'header' && (
              <FlexItem>
                <TextInput aria-label={`Header name of rule ${j + 1}`} placeholder="end-user" value={r.header} onChange={(_e, header) => edit(j, { header })} />
              </FlexItem>
            )}
            <FlexItem>
              <FormSelect aria-label={`Operator of rule ${j + 1}`} value={r.op} onChange={(_e, v) => edit(j, { op: v === 'prefix' || v === 'regex' ? v : 'exact' })}>
                <FormSelectOption value="exact" label="equals" />
                <FormSelectOption value="prefix" label="starts with" />
                <FormSelectOption value="regex" label="matches regex" />
              </FormSelect>
            </FlexItem>
            <FlexItem>
              <TextInput aria-label={`Value of rule ${j + 1}`} value={r.value} onChange={(_e, value) => edit(j, { value })} />
            </FlexItem>
            <FlexItem>→</FlexItem>
            <FlexItem>
              <TextInput aria-label={`Host of rule ${j + 1}`} value={r.host} onChange={(_e, host) => edit(j, { host })} />
            </FlexItem>
            <FlexItem>
              <TextInput aria-label={`Subset of rule ${j + 1}`} placeholder="subset" value={r.subset} onChange={(_e, subset) => edit(j, { subset })} />
            </FlexItem>
            <FlexItem>
              <Button variant="plain" aria-label={`Remove rule ${j + 1}`} icon={<MinusCircleIcon />} onClick={() => set(rules.filter((_, k) => k !== j))} />
            </FlexItem>
          </Flex>
          {r.source !== undefined && <FieldErrors causes={causesUnder(causes, `spec.http[${r.source}]`).filter((c) => c.field.includes('.match') || c.field.endsWith('.route'))} />}
        </div>
      ))}
      <Button variant="link" icon={<PlusCircleIcon />} onClick={() => set([...rules, { match: 'header', header: 'end-user', op: 'exact', value: '', host: defaultHost, subset: '' }])}>
        Add a header or path rule
      </Button>
    </div>
  );
}
