'use client';

import { Alert as PfAlert, Label, LabelGroup } from '@patternfly/react-core';
import { CheckCircleIcon, ExclamationCircleIcon } from '@patternfly/react-icons';
import type { AlertSourceStatus } from '@/lib/alerts';

/** Where the alerts come from and whether each answered: an unreachable source is not "no alerts". */
export function SourcesStatus({ sources }: { sources: AlertSourceStatus[] }) {
  const down = sources.filter((s) => !s.ok);
  return (
    <div data-testid="alert-sources" style={{ marginBottom: 16 }}>
      <LabelGroup categoryName="Sources" numLabels={10}>
        {sources.map((s) => (
          <Label key={s.name} color={s.ok ? 'green' : 'red'} icon={s.ok ? <CheckCircleIcon /> : <ExclamationCircleIcon />} title={s.error}>
            {s.name}: {s.ok ? 'ok' : s.kind === 'meridian' ? 'incomplete' : 'unreachable'}
          </Label>
        ))}
      </LabelGroup>
      {down.map((s) => (
        <PfAlert key={s.name} isInline variant="danger" title={s.kind === 'meridian' ? `${s.name} are incomplete: what they could not read may hide alerts` : `${s.name} could not be read: its alerts are unknown, not absent`} style={{ marginTop: 8 }} data-testid="alert-source-error">
          {s.error}
          {s.clusters?.length ? ` (clusters ${s.clusters.join(', ')})` : ''}
        </PfAlert>
      ))}
    </div>
  );
}
