'use client';

import { Button, Card, CardBody, CardTitle, Flex, FlexItem, FormGroup, FormSelect, FormSelectOption, Grid, GridItem, Stack, StackItem, TextInput } from '@patternfly/react-core';
import { MinusCircleIcon, PlusCircleIcon } from '@patternfly/react-icons';
import type { FieldCause } from '@/lib/istio';
import {
  causesUnder,
  LB_CHOICES,
  type Obj,
  readSubsets,
  readTrafficPolicy,
  TLS_CHOICES,
  writeSubsets,
  writeTrafficPolicy,
  type TrafficPolicyForm,
} from '@/lib/istio/forms';
import { FieldErrors, NumberField, TextField } from './fields';

interface Props {
  object: Obj;
  onChange: (next: Obj) => void;
  causes: readonly FieldCause[];
  /** Versions of the host's pods (from the graph): "Add subsets from pod versions". */
  versions: readonly string[];
}

function SubsetsCard({ object, onChange, causes, versions }: Props) {
  const { subsets } = readSubsets(object);
  const set = (next: typeof subsets) => onChange(writeSubsets(object, { subsets: next }));
  const missing = versions.filter((v) => !subsets.some((s) => s.name === v));
  return (
    <Card isCompact>
      <CardTitle>Subsets</CardTitle>
      <CardBody>
        {subsets.map((s, i) => (
          <div key={i} style={{ marginBottom: 8 }}>
            <Flex alignItems={{ default: 'alignItemsCenter' }}>
              <FlexItem>
                <TextInput aria-label={`Name of subset ${i + 1}`} value={s.name} onChange={(_e, name) => set(subsets.map((x, k) => (k === i ? { ...x, name } : x)))} />
              </FlexItem>
              <FlexItem grow={{ default: 'grow' }}>
                <TextInput aria-label={`Labels of subset ${i + 1}`} placeholder="version=v1" value={s.labels} onChange={(_e, labels) => set(subsets.map((x, k) => (k === i ? { ...x, labels } : x)))} />
              </FlexItem>
              <FlexItem>
                <Button variant="plain" aria-label={`Remove subset ${s.name || i + 1}`} icon={<MinusCircleIcon />} onClick={() => set(subsets.filter((_, k) => k !== i))} />
              </FlexItem>
            </Flex>
            <FieldErrors causes={causesUnder(causes, `spec.subsets[${i}]`)} />
          </div>
        ))}
        <Button variant="link" icon={<PlusCircleIcon />} onClick={() => set([...subsets, { name: '', labels: 'version=' }])}>
          Add subset
        </Button>
        {missing.length > 0 && (
          <Button variant="link" onClick={() => set([...subsets, ...missing.map((v) => ({ name: v, labels: `version=${v}` }))])}>
            Add subsets for pod versions {missing.join(', ')}
          </Button>
        )}
      </CardBody>
    </Card>
  );
}

function PolicyCard({ object, onChange, causes }: Omit<Props, 'versions'>) {
  const f = readTrafficPolicy(object);
  const set = (patch: Partial<TrafficPolicyForm>) => onChange(writeTrafficPolicy(object, { ...f, ...patch }));
  const at = (field: string) => causesUnder(causes, `spec.trafficPolicy.${field}`);
  return (
    <Card isCompact>
      <CardTitle>Traffic policy</CardTitle>
      <CardBody>
        <Grid hasGutter md={3}>
          <GridItem>
            <FormGroup label="Load balancer" fieldId="lb">
              <FormSelect id="lb" value={f.loadBalancer} onChange={(_e, v) => set({ loadBalancer: LB_CHOICES.find((c) => c === v) ?? '' })}>
                {LB_CHOICES.map((c) => <FormSelectOption key={c} value={c} label={c || '(default)'} />)}
              </FormSelect>
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label="TLS mode" fieldId="tls-mode">
              <FormSelect id="tls-mode" value={f.tlsMode} onChange={(_e, v) => set({ tlsMode: TLS_CHOICES.find((c) => c === v) ?? '' })}>
                {TLS_CHOICES.map((c) => <FormSelectOption key={c} value={c} label={c || '(not set)'} />)}
              </FormSelect>
            </FormGroup>
          </GridItem>
          <GridItem span={6} />
          <GridItem>
            <NumberField id="max-conn" label="Max connections" value={f.maxConnections} onChange={(maxConnections) => set({ maxConnections })} causes={at('connectionPool.tcp')} />
          </GridItem>
          <GridItem>
            <NumberField id="max-pending" label="Max pending requests" value={f.http1MaxPendingRequests} onChange={(http1MaxPendingRequests) => set({ http1MaxPendingRequests })} causes={at('connectionPool.http.http1MaxPendingRequests')} />
          </GridItem>
          <GridItem>
            <NumberField id="max-per-conn" label="Max requests per connection" value={f.maxRequestsPerConnection} onChange={(maxRequestsPerConnection) => set({ maxRequestsPerConnection })} causes={at('connectionPool.http.maxRequestsPerConnection')} />
          </GridItem>
          <GridItem />
          <GridItem>
            <NumberField id="od-5xx" label="Eject after consecutive 5xx" value={f.consecutive5xxErrors} onChange={(consecutive5xxErrors) => set({ consecutive5xxErrors })} causes={at('outlierDetection.consecutive5xxErrors')} />
          </GridItem>
          <GridItem>
            <TextField id="od-interval" label="Scan interval" placeholder="10s" value={f.interval} onChange={(interval) => set({ interval })} causes={at('outlierDetection.interval')} />
          </GridItem>
          <GridItem>
            <TextField id="od-base" label="Base ejection time" placeholder="30s" value={f.baseEjectionTime} onChange={(baseEjectionTime) => set({ baseEjectionTime })} causes={at('outlierDetection.baseEjectionTime')} />
          </GridItem>
          <GridItem>
            <NumberField id="od-max" label="Max ejection %" value={f.maxEjectionPercent} onChange={(maxEjectionPercent) => set({ maxEjectionPercent })} causes={at('outlierDetection.maxEjectionPercent')} />
          </GridItem>
        </Grid>
      </CardBody>
    </Card>
  );
}

/** The DestinationRule form: subsets (from the pods' version labels) and the traffic policy. */
export function DestinationRuleForm(props: Props) {
  const other = props.causes.filter((c) => !c.field.startsWith('spec.subsets') && !c.field.startsWith('spec.trafficPolicy'));
  return (
    <Stack hasGutter>
      <FieldErrors causes={other} testId="form-other-errors" />
      <StackItem>
        <SubsetsCard {...props} />
      </StackItem>
      <StackItem>
        <PolicyCard object={props.object} onChange={props.onChange} causes={props.causes} />
      </StackItem>
    </Stack>
  );
}
