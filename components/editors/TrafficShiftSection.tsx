'use client';

import { Button, Flex, FlexItem, Label, TextInput } from '@patternfly/react-core';
import { MinusCircleIcon, PlusCircleIcon } from '@patternfly/react-icons';
import { causesUnder, evenWeights, type Obj, readTrafficShift, writeTrafficShift } from '@/lib/istio/forms';
import type { FieldCause } from '@/lib/istio';
import { FieldErrors } from './fields';

interface Props {
  object: Obj;
  index: number;
  onChange: (next: Obj) => void;
  causes: readonly FieldCause[];
  defaultHost: string;
  subsets: readonly string[];
}

/** Traffic shifting: the destinations of one HTTP route and their weights (which must sum to 100). */
export function TrafficShiftSection({ object, index, onChange, causes, defaultHost, subsets }: Props) {
  const form = readTrafficShift(object, index);
  const set = (destinations: typeof form.destinations) => onChange(writeTrafficShift(object, index, { destinations }));
  const sum = form.destinations.reduce((t, d) => t + (Number.isFinite(d.weight) ? d.weight : 0), 0);
  const prefix = `spec.http[${index}].route`;
  const unused = subsets.find((s) => !form.destinations.some((d) => d.subset === s)) ?? '';
  return (
    <div data-testid="traffic-shift">
      {form.destinations.map((d, j) => {
        const name = `${d.host || 'destination'} ${d.subset}`.trim();
        return (
          <Flex key={j} alignItems={{ default: 'alignItemsCenter' }} style={{ marginBottom: 8 }}>
            <FlexItem grow={{ default: 'grow' }}>
              <TextInput aria-label={`Host of destination ${j + 1}`} value={d.host} onChange={(_e, v) => set(form.destinations.map((x, k) => (k === j ? { ...x, host: v } : x)))} />
            </FlexItem>
            <FlexItem>
              <TextInput aria-label={`Subset of destination ${j + 1}`} placeholder="subset" value={d.subset} onChange={(_e, v) => set(form.destinations.map((x, k) => (k === j ? { ...x, subset: v } : x)))} />
            </FlexItem>
            <FlexItem style={{ width: 110 }}>
              <TextInput
                type="number"
                aria-label={`Weight of ${name}`}
                value={Number.isFinite(d.weight) ? String(d.weight) : ''}
                onChange={(_e, v) => set(form.destinations.map((x, k) => (k === j ? { ...x, weight: v === '' ? 0 : Number(v) } : x)))}
                validated={causesUnder(causes, `${prefix}[${j}]`).length ? 'error' : 'default'}
              />
            </FlexItem>
            <FlexItem>%</FlexItem>
            <FlexItem>
              <Button variant="plain" aria-label={`Remove destination ${name}`} icon={<MinusCircleIcon />} onClick={() => set(form.destinations.filter((_, k) => k !== j))} />
            </FlexItem>
          </Flex>
        );
      })}
      <Flex alignItems={{ default: 'alignItemsCenter' }}>
        <Button variant="link" icon={<PlusCircleIcon />} onClick={() => set([...form.destinations, { host: form.destinations[0]?.host ?? defaultHost, subset: unused, weight: 0 }])}>
          Add destination
        </Button>
        <Button
          variant="link"
          isDisabled={form.destinations.length < 2}
          onClick={() => {
            const w = evenWeights(form.destinations.length);
            set(form.destinations.map((d, k) => ({ ...d, weight: w[k] ?? 0 })));
          }}
        >
          Split evenly
        </Button>
        <Label color={sum === 100 || form.destinations.length < 2 ? 'green' : 'red'} data-testid="weight-total">
          Total {sum}%
        </Label>
      </Flex>
      <FieldErrors causes={causesUnder(causes, prefix)} testId="traffic-shift-errors" />
    </div>
  );
}
