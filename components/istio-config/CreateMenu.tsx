'use client';

import { MenuToggle, Select, SelectList, SelectOption, type MenuToggleElement } from '@patternfly/react-core';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Scope } from '@/lib/url-state';

/** The kinds the editors create (routing with forms, the others in YAML). */
export const CREATABLE_KINDS = ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication'] as const;

/** "Create" menu: opens the editor for a new object of the chosen kind, in the scope's cluster/namespace when one is selected. */
export function CreateMenu({ scope }: { scope: Scope }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const go = (kind: string) => {
    const q = new URLSearchParams({ kind });
    if (scope.clusters.length === 1 && scope.clusters[0]) q.set('cluster', scope.clusters[0]);
    if (scope.namespaces.length === 1 && scope.namespaces[0]) q.set('namespace', scope.namespaces[0]);
    router.push(`/istio/new?${q.toString()}`);
  };
  return (
    <Select
      isOpen={open}
      onOpenChange={setOpen}
      onSelect={(_e, v) => {
        setOpen(false);
        if (typeof v === 'string') go(v);
      }}
      toggle={(ref: React.Ref<MenuToggleElement>) => (
        <MenuToggle ref={ref} variant="primary" onClick={() => setOpen(!open)} isExpanded={open}>
          Create
        </MenuToggle>
      )}
    >
      <SelectList aria-label="Kind to create">
        {CREATABLE_KINDS.map((k) => (
          <SelectOption key={k} value={k}>
            {k}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
}
