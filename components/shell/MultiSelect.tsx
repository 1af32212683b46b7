'use client';

import { Badge, MenuToggle, Select, SelectList, SelectOption, type MenuToggleElement } from '@patternfly/react-core';
import { useState } from 'react';

export interface MultiSelectOption {
  value: string;
  description?: string;
  isDisabled?: boolean;
}

interface Props {
  /** Accessible name and the toggle's text ("All clusters" when nothing is selected). */
  label: string;
  allLabel: string;
  options: MultiSelectOption[];
  selected: string[];
  onChange: (next: string[]) => void;
  isLoading?: boolean;
  testId?: string;
}

/** A checkbox select (PatternFly). Nothing selected means "all". */
export function MultiSelect({ label, allLabel, options, selected, onChange, isLoading, testId }: Props) {
  const [open, setOpen] = useState(false);
  const toggle = (value: string) =>
    onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  // Selected values that no longer exist (a deep link to a gone namespace) stay visible and removable.
  const all: MultiSelectOption[] = [...options, ...selected.filter((s) => !options.some((o) => o.value === s)).map((value) => ({ value, description: 'not found' }))];
  return (
    <Select
      role="menu"
      isOpen={open}
      selected={selected}
      onSelect={(_e, v) => typeof v === 'string' && toggle(v)}
      onOpenChange={setOpen}
      toggle={(ref: React.Ref<MenuToggleElement>) => (
        <MenuToggle ref={ref} onClick={() => setOpen(!open)} isExpanded={open} aria-label={label} data-testid={testId}>
          {selected.length === 0 ? allLabel : `${label}`}
          {selected.length > 0 && <Badge isRead>{selected.length}</Badge>}
        </MenuToggle>
      )}
    >
      <SelectList aria-label={label}>
        {isLoading && <SelectOption isDisabled value="__loading">Loading…</SelectOption>}
        {!isLoading && all.length === 0 && <SelectOption isDisabled value="__none">None found</SelectOption>}
        {all.map((o) => (
          <SelectOption key={o.value} value={o.value} hasCheckbox isSelected={selected.includes(o.value)} description={o.description} isDisabled={o.isDisabled}>
            {o.value}
          </SelectOption>
        ))}
        {selected.length > 0 && (
          <SelectOption value="__clear" onClick={() => onChange([])}>
            Clear selection
          </SelectOption>
        )}
      </SelectList>
    </Select>
  );
}
