'use client';

import { PageFrame } from './PageFrame';
import { EmptyView } from './states';
import { useScope } from './useScope';

/** A navigation entry whose view is not built yet: says so plainly, with the scope it will show. */
export function PendingView({ title, what }: { title: string; what: string }) {
  const { clusters, namespaces } = useScope();
  return (
    <PageFrame title={title}>
      <EmptyView title={`${title} is not available yet`}>
        {what} Scope: {clusters.length ? clusters.join(', ') : 'all clusters'} / {namespaces.length ? namespaces.join(', ') : 'all namespaces'}.
      </EmptyView>
    </PageFrame>
  );
}
