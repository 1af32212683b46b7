'use client';

import { Label, List, ListItem } from '@patternfly/react-core';
import type { Finding } from '@/lib/validation/types';

const COLOR = { error: 'red', warning: 'orange', info: 'blue' } as const;

/** Validation findings: severity, code, message and the field they point at. */
export function FindingsList({ findings, empty, testId = 'findings-list' }: { findings: readonly Finding[]; empty: string; testId?: string }) {
  if (!findings.length) return <p data-testid="findings-empty">{empty}</p>;
  return (
    <List isPlain data-testid={testId}>
      {findings.map((f, i) => (
        <ListItem key={`${f.code}:${f.path ?? ''}:${i}`}>
          <Label color={COLOR[f.severity]} isCompact>
            {f.severity}
          </Label>{' '}
          <strong>{f.code}</strong> {f.message}
          {f.path && (
            <>
              {' '}
              (<code>{f.path}</code>)
            </>
          )}
        </ListItem>
      ))}
    </List>
  );
}

/** Counts by severity, e.g. for the list's findings column. */
export function FindingCounts({ findings }: { findings: readonly Finding[] }) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const shown = (['error', 'warning', 'info'] as const).filter((s) => counts[s] > 0);
  if (!shown.length) return <span aria-label="No findings">—</span>;
  return (
    <span data-testid="finding-counts">
      {shown.map((s) => (
        <Label key={s} color={COLOR[s]} isCompact style={{ marginRight: 4 }}>
          {counts[s]} {s}
          {counts[s] > 1 ? 's' : ''}
        </Label>
      ))}
    </span>
  );
}
