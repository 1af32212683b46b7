'use client';

import { Label } from '@patternfly/react-core';
import type { Health } from '@/lib/graph/types';

const LOOK: Record<Health, { color: 'green' | 'orange' | 'red' | 'grey' | 'blue'; text: string }> = {
  healthy: { color: 'green', text: 'Healthy' },
  degraded: { color: 'orange', text: 'Degraded' },
  failing: { color: 'red', text: 'Failing' },
  idle: { color: 'grey', text: 'Idle' },
  'no-data': { color: 'blue', text: 'No data' },
};

/** Health as text and colour (never colour alone). */
export function HealthLabel({ health }: { health: Health }) {
  const l = LOOK[health];
  return (
    <Label color={l.color} isCompact data-health={health}>
      {l.text}
    </Label>
  );
}
