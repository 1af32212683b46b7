'use client';

import { Alert, Bullseye, EmptyState, EmptyStateBody, EmptyStateFooter, Spinner, Button } from '@patternfly/react-core';
import { CubesIcon, ExclamationCircleIcon } from '@patternfly/react-icons';
import type { ReactNode } from 'react';
import { ApiError } from '@/lib/api/fetch-json';

export function LoadingState({ what }: { what: string }) {
  return (
    <Bullseye style={{ minHeight: 200 }}>
      <Spinner aria-label={`Loading ${what}`} />
      <span style={{ marginLeft: 12 }}>Loading {what}…</span>
    </Bullseye>
  );
}

export function EmptyView({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <EmptyState titleText={title} headingLevel="h2" icon={CubesIcon}>
      {children && <EmptyStateBody>{children}</EmptyStateBody>}
      {action && <EmptyStateFooter>{action}</EmptyStateFooter>}
    </EmptyState>
  );
}

/** An error the user can act on: what failed, the server's message and cluster, and a retry. */
export function ErrorView({ what, error, onRetry }: { what: string; error: unknown; onRetry?: () => void }) {
  const detail = error instanceof ApiError ? error.detail : undefined;
  return (
    <EmptyState titleText={`Could not load ${what}`} headingLevel="h2" icon={ExclamationCircleIcon} status="danger">
      <EmptyStateBody>
        {detail ? detail.message : String(error)}
        {detail?.cluster && <div>Cluster: {detail.cluster}</div>}
      </EmptyStateBody>
      {onRetry && (
        <EmptyStateFooter>
          <Button variant="primary" onClick={onRetry}>
            Try again
          </Button>
        </EmptyStateFooter>
      )}
    </EmptyState>
  );
}

/** Per-cluster errors of a multi-cluster read, shown above the data of the clusters that answered. */
export function ClusterErrors({ errors }: { errors: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (!entries.length) return null;
  return (
    <>
      {entries.map(([cluster, message]) => (
        <Alert key={cluster} isInline variant="warning" title={`Cluster ${cluster}: data missing`} style={{ marginBottom: 8 }}>
          {message}
        </Alert>
      ))}
    </>
  );
}
