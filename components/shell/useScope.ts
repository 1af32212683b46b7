'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseScope, withParam, type Scope } from '@/lib/url-state';

/**
 * The cluster/namespace selection, read from and written to the URL (push, so back/forward walks
 * through selections).
 */
export function useScope(): Scope & { setParam: (key: string, values: string[] | string | undefined) => void } {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const scope = useMemo(() => parseScope(params), [params]);
  const setParam = useCallback(
    (key: string, values: string[] | string | undefined) => {
      router.push(`${pathname}${withParam(params, key, values)}`, { scroll: false });
    },
    [params, pathname, router],
  );
  return { ...scope, setParam };
}
