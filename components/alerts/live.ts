'use client';

import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { meridianEventSchema, type MeridianEvent } from '@/lib/events';

// One EventSource on /api/events per browser tab, shared by every component that wants live data;
// events invalidate the react-query keys they affect:
//   alerts                      -> ['alerts'], ['silences']
//   cluster (cache state)       -> ['alerts'], ['mesh']
//   inventory of MCS or istiod  -> ['mesh'] (coalesced: a burst of changes is one refetch)

export const alertsQueryKey = ['alerts'] as const;
export const silencesQueryKey = ['silences'] as const;
export const meshQueryKey = ['mesh'] as const;

const MESH_KINDS = new Set(['ServiceExport', 'ServiceImport', 'Service', 'EndpointSlice', 'Deployment']);

let source: EventSource | undefined;
let users = 0;
let meshTimer: ReturnType<typeof setTimeout> | undefined;

function onEvent(client: QueryClient, e: MeridianEvent) {
  if (e.type === 'alerts') {
    void client.invalidateQueries({ queryKey: alertsQueryKey });
    void client.invalidateQueries({ queryKey: silencesQueryKey });
  } else if (e.type === 'cluster') {
    void client.invalidateQueries({ queryKey: alertsQueryKey });
    void client.invalidateQueries({ queryKey: meshQueryKey });
  } else if (e.type === 'inventory' && MESH_KINDS.has(e.kind) && !meshTimer) {
    meshTimer = setTimeout(() => {
      meshTimer = undefined;
      void client.invalidateQueries({ queryKey: meshQueryKey });
    }, 1000);
  }
}

/** Keeps alerts and mesh queries live while mounted. */
export function useLiveEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    users += 1;
    if (!source && typeof EventSource !== 'undefined') {
      source = new EventSource('/api/events');
      for (const type of ['alerts', 'cluster', 'inventory'] as const) {
        source.addEventListener(type, (msg) => {
          const parsed = meridianEventSchema.safeParse(JSON.parse((msg as MessageEvent<string>).data));
          if (parsed.success) onEvent(client, parsed.data);
        });
      }
    }
    return () => {
      users -= 1;
      if (users === 0) {
        source?.close();
        source = undefined;
      }
    };
  }, [client]);
}
