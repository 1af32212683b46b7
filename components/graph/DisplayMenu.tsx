'use client';

import { MenuToggle, Select, SelectList, SelectOption, type MenuToggleElement } from '@patternfly/react-core';
import { useState } from 'react';
import type { GraphView } from './view-state';

const ITEMS = [
  { value: 'cluster', label: 'Cluster boxes' },
  { value: 'namespace', label: 'Namespace boxes' },
  { value: 'idle', label: 'Idle nodes' },
] as const;

/** Display toggles of the graph (boxes per level, idle nodes) as one checkbox menu. */
export function DisplayMenu({ view, update }: { view: GraphView; update: (patch: Partial<GraphView>) => void }) {
  const [open, setOpen] = useState(false);
  const isOn = (v: (typeof ITEMS)[number]['value']) => (v === 'idle' ? view.idle : view.boxes[v]);
  const toggle = (v: string) => {
    if (v === 'idle') update({ idle: !view.idle });
    else if (v === 'cluster' || v === 'namespace') update({ boxes: { ...view.boxes, [v]: !view.boxes[v] } });
  };
  return (
    <Select
      role="menu"
      isOpen={open}
      onOpenChange={setOpen}
      onSelect={(_e, v) => typeof v === 'string' && toggle(v)}
      toggle={(ref: React.Ref<MenuToggleElement>) => (
        <MenuToggle ref={ref} onClick={() => setOpen(!open)} isExpanded={open} aria-label="Display options" data-testid="graph-display">
          Display
        </MenuToggle>
      )}
    >
      <SelectList aria-label="Display options">
        {ITEMS.map((i) => (
          <SelectOption key={i.value} value={i.value} hasCheckbox isSelected={isOn(i.value)}>
            {i.label}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
}
