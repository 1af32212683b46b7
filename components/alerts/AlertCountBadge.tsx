'use client';

import { Badge } from '@patternfly/react-core';
import { useAlerts } from './useAlerts';

/** The element id that describes the navigation's Alerts link (the link's name stays "Alerts"). */
export const ALERT_COUNT_ID = 'nav-alert-count';

/**
 * The number of firing alerts, next to "Alerts" in the navigation ("!" when a source is unreachable).
 * Hidden from the link's accessible name; the link points at it with aria-describedby, so a screen
 * reader says "Alerts, link, 3 firing alerts".
 */
export function AlertCountBadge() {
  const q = useAlerts();
  if (!q.data) return null;
  const firing = q.data.alerts.filter((a) => a.state === 'firing').length;
  const down = q.data.sources.filter((s) => !s.ok).length;
  const label = `${firing} firing alert${firing === 1 ? '' : 's'}${down ? `, ${down} source${down === 1 ? '' : 's'} unreachable` : ''}`;
  return (
    <Badge id={ALERT_COUNT_ID} aria-hidden="true" isRead={firing === 0} data-testid="alert-count-badge" aria-label={label} title={label} style={{ marginLeft: 8 }}>
      {firing}
      {down ? ' !' : ''}
    </Badge>
  );
}
