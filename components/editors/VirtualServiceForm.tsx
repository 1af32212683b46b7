'use client';

import { Card, CardBody, CardTitle, FormGroup, FormSelect, FormSelectOption, Stack, StackItem } from '@patternfly/react-core';
import { useState } from 'react';
import type { FieldCause } from '@/lib/istio';
import { arrAt, defaultRouteIndex, httpRoutes, type Obj, objAt, str } from '@/lib/istio/forms';
import { FieldErrors } from './fields';
import { RequestRoutingSection } from './RequestRoutingSection';
import { FaultSection, MirrorSection, TimeoutRetrySection } from './RoutePolicySections';
import { TrafficShiftSection } from './TrafficShiftSection';

interface Props {
  object: Obj;
  onChange: (next: Obj) => void;
  causes: readonly FieldCause[];
  /** Subsets the DestinationRule of the host defines (offered for new destinations). */
  subsets: readonly string[];
}

function routeLabel(route: Obj, i: number, def: number): string {
  const m = arrAt(route, 'match')[0];
  if (i === def) return `Route ${i + 1}: default (no match)`;
  const header = Object.keys(objAt(m, 'headers') ?? {})[0];
  const uri = objAt(m, 'uri');
  return `Route ${i + 1}: ${header ? `header ${header}` : uri ? `path ${Object.values(uri).map(str).join('')}` : 'match'}`;
}

/** The VirtualService form: the common intents, each writing back only its own fields. */
export function VirtualServiceForm({ object, onChange, causes, subsets }: Props) {
  const routes = httpRoutes(object);
  const def = defaultRouteIndex(object);
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const index = chosen !== undefined && chosen < Math.max(routes.length, 1) ? chosen : def;
  const host = str(arrAt(object, 'spec', 'hosts')[0]);
  const common = { object, onChange, causes, index };
  const otherCauses = causes.filter((c) => !c.field.startsWith('spec.http['));
  return (
    <Stack hasGutter>
      <FieldErrors causes={otherCauses} testId="form-other-errors" />
      <StackItem>
        <Card isCompact>
          <CardTitle>Request routing (by header or path)</CardTitle>
          <CardBody>
            <RequestRoutingSection object={object} onChange={onChange} causes={causes} defaultHost={host} />
          </CardBody>
        </Card>
      </StackItem>
      <StackItem>
        <FormGroup label="HTTP route to edit" fieldId="route-picker">
          <FormSelect id="route-picker" value={String(index)} onChange={(_e, v) => setChosen(Number(v))}>
            {(routes.length ? routes : [{}]).map((r, i) => (
              <FormSelectOption key={i} value={String(i)} label={routeLabel(r, i, def)} />
            ))}
          </FormSelect>
        </FormGroup>
      </StackItem>
      <StackItem>
        <Card isCompact>
          <CardTitle>Traffic shifting</CardTitle>
          <CardBody>
            <TrafficShiftSection {...common} defaultHost={host} subsets={subsets} />
          </CardBody>
        </Card>
      </StackItem>
      <StackItem>
        <Card isCompact>
          <CardTitle>Timeouts and retries</CardTitle>
          <CardBody>
            <TimeoutRetrySection {...common} />
          </CardBody>
        </Card>
      </StackItem>
      <StackItem>
        <Card isCompact>
          <CardTitle>Fault injection</CardTitle>
          <CardBody>
            <FaultSection {...common} />
          </CardBody>
        </Card>
      </StackItem>
      <StackItem>
        <Card isCompact>
          <CardTitle>Mirroring</CardTitle>
          <CardBody>
            <MirrorSection {...common} />
          </CardBody>
        </Card>
      </StackItem>
    </Stack>
  );
}
