import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import type { K8sObject } from '@/lib/inventory/types';
import { getJson, statusOf } from './http';
import { stripObject } from './objects';

interface ListPage {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: unknown[];
}

/**
 * Every object of a collection, page by page (`limit` + `continue`), stripped for the cache, with the
 * list's resourceVersion to watch from. A continue token that expired while paging (410) starts the
 * list over; a 404 on the first page means the resource does not exist in this cluster ('absent').
 */
export async function listCollection(
  kc: KubeConfig,
  path: string,
  opts: { signal: AbortSignal; timeoutMs: number; pageSize: number },
): Promise<{ items: K8sObject[]; rv: string } | 'absent'> {
  for (;;) {
    const items: K8sObject[] = [];
    let cont = '';
    let rv = '';
    let expired = false;
    do {
      const query = new URLSearchParams({ limit: String(opts.pageSize), ...(cont ? { continue: cont } : {}) });
      let page: ListPage;
      try {
        page = (await getJson(kc, `${path}?${query}`, opts)) as ListPage;
      } catch (err) {
        const status = statusOf(err);
        if (status === 404 && !cont) return 'absent';
        if (status === 410 && cont) {
          expired = true;
          break;
        }
        throw err;
      }
      for (const raw of page.items ?? []) {
        const obj = stripObject(raw);
        if (obj) items.push(obj);
      }
      rv = page.metadata?.resourceVersion ?? rv;
      cont = page.metadata?.continue ?? '';
    } while (cont);
    if (!expired) return { items, rv };
  }
}
