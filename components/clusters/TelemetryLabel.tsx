'use client';

import { Label } from '@patternfly/react-core';
import { ExclamationCircleIcon, ExclamationTriangleIcon } from '@patternfly/react-icons';
import { telemetryColor, type ClusterTelemetry } from '@/lib/telemetry';

/** A cluster's telemetry state as a label: the server's summary, its reason as the tooltip. */
export function TelemetryLabel({ telemetry, suffix = '', testId }: { telemetry: ClusterTelemetry; suffix?: string; testId?: string }) {
  const color = telemetryColor(telemetry);
  const icon = color === 'red' ? <ExclamationCircleIcon /> : color === 'orange' ? <ExclamationTriangleIcon /> : undefined;
  return (
    <Label color={color} icon={icon} title={telemetry.reason} data-testid={testId} data-verdict={telemetry.verdict}>
      {telemetry.summary}
      {suffix}
    </Label>
  );
}
