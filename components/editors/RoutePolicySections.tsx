'use client';

import { Checkbox, Grid, GridItem } from '@patternfly/react-core';
import type { FieldCause } from '@/lib/istio';
import {
  causesUnder,
  type Obj,
  readFault,
  readMirror,
  readTimeoutRetry,
  writeFault,
  writeMirror,
  writeTimeoutRetry,
} from '@/lib/istio/forms';
import { NumberField, TextField } from './fields';

interface Props {
  object: Obj;
  index: number;
  onChange: (next: Obj) => void;
  causes: readonly FieldCause[];
}

const at = (causes: readonly FieldCause[], index: number, field: string) => causesUnder(causes, `spec.http[${index}].${field}`);

export function TimeoutRetrySection({ object, index, onChange, causes }: Props) {
  const f = readTimeoutRetry(object, index);
  const set = (patch: Partial<typeof f>) => onChange(writeTimeoutRetry(object, index, { ...f, ...patch }));
  return (
    <Grid hasGutter md={3}>
      <GridItem>
        <TextField id={`timeout-${index}`} label="Timeout" placeholder="e.g. 10s" value={f.timeout} onChange={(timeout) => set({ timeout })} causes={at(causes, index, 'timeout')} />
      </GridItem>
      <GridItem>
        <NumberField id={`attempts-${index}`} label="Retry attempts" value={f.attempts} onChange={(attempts) => set({ attempts })} causes={at(causes, index, 'retries.attempts')} />
      </GridItem>
      <GridItem>
        <TextField id={`per-try-${index}`} label="Per-try timeout" placeholder="e.g. 2s" value={f.perTryTimeout} onChange={(perTryTimeout) => set({ perTryTimeout })} causes={at(causes, index, 'retries.perTryTimeout')} />
      </GridItem>
      <GridItem>
        <TextField id={`retry-on-${index}`} label="Retry on" placeholder="5xx,connect-failure" value={f.retryOn} onChange={(retryOn) => set({ retryOn })} causes={at(causes, index, 'retries.retryOn')} />
      </GridItem>
    </Grid>
  );
}

export function FaultSection({ object, index, onChange, causes }: Props) {
  const f = readFault(object, index);
  const set = (patch: Partial<typeof f>) => onChange(writeFault(object, index, { ...f, ...patch }));
  return (
    <Grid hasGutter md={4}>
      <GridItem span={12}>
        <Checkbox id={`fault-delay-${index}`} label="Inject a delay" isChecked={f.delay} onChange={(_e, delay) => set({ delay, fixedDelay: f.fixedDelay || '5s', delayPercent: f.delayPercent ?? 100 })} />
      </GridItem>
      {f.delay && (
        <>
          <GridItem>
            <TextField id={`fault-fixed-${index}`} label="Delay" value={f.fixedDelay} onChange={(fixedDelay) => set({ fixedDelay })} causes={at(causes, index, 'fault.delay')} />
          </GridItem>
          <GridItem>
            <NumberField id={`fault-delay-pct-${index}`} label="Of requests (%)" value={f.delayPercent} onChange={(delayPercent) => set({ delayPercent })} />
          </GridItem>
          <GridItem />
        </>
      )}
      <GridItem span={12}>
        <Checkbox id={`fault-abort-${index}`} label="Abort with an HTTP status" isChecked={f.abort} onChange={(_e, abort) => set({ abort, httpStatus: f.httpStatus ?? 503, abortPercent: f.abortPercent ?? 100 })} />
      </GridItem>
      {f.abort && (
        <>
          <GridItem>
            <NumberField id={`fault-status-${index}`} label="HTTP status" value={f.httpStatus} onChange={(httpStatus) => set({ httpStatus })} causes={at(causes, index, 'fault.abort')} />
          </GridItem>
          <GridItem>
            <NumberField id={`fault-abort-pct-${index}`} label="Of requests (%)" value={f.abortPercent} onChange={(abortPercent) => set({ abortPercent })} />
          </GridItem>
        </>
      )}
    </Grid>
  );
}

export function MirrorSection({ object, index, onChange, causes }: Props) {
  const f = readMirror(object, index);
  const set = (patch: Partial<typeof f>) => onChange(writeMirror(object, index, { ...f, ...patch }));
  return (
    <Grid hasGutter md={4}>
      <GridItem>
        <TextField id={`mirror-host-${index}`} label="Mirror to host" placeholder="empty: no mirroring" value={f.host} onChange={(host) => set({ host })} causes={at(causes, index, 'mirror')} />
      </GridItem>
      <GridItem>
        <TextField id={`mirror-subset-${index}`} label="Subset" value={f.subset} onChange={(subset) => set({ subset })} isDisabled={!f.host} />
      </GridItem>
      <GridItem>
        <NumberField id={`mirror-pct-${index}`} label="Of requests (%)" value={f.percent} onChange={(percent) => set({ percent })} causes={at(causes, index, 'mirrorPercentage')} isDisabled={!f.host} />
      </GridItem>
    </Grid>
  );
}
