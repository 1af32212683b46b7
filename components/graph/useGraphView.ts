'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseGraphView, withGraphView, type GraphView } from './view-state';

/** The graph page's settings from the URL; `update` pushes a new history entry (back/forward walk them). */
export function useGraphView(): { view: GraphView; update: (patch: Partial<GraphView>) => void; href: (patch: Partial<GraphView>) => string } {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const view = useMemo(() => parseGraphView(params), [params]);
  const href = useCallback((patch: Partial<GraphView>) => `${pathname}${withGraphView(params, patch)}`, [params, pathname]);
  const update = useCallback((patch: Partial<GraphView>) => router.push(href(patch), { scroll: false }), [router, href]);
  return { view, update, href };
}
