'use client';

import { Checkbox, Flex, FlexItem } from '@patternfly/react-core';
import { useClusters } from '@/components/shell/ScopeSelectors';

/** Which clusters to apply to: defaults to the object's cluster, offers every cluster. */
export function ClusterPicker({ selected, onChange, primary, isDisabled }: { selected: readonly string[]; onChange: (c: string[]) => void; primary: string; isDisabled?: boolean }) {
  const clusters = useClusters();
  const names = [...new Set([primary, ...(clusters.data?.items ?? []).map((c) => c.name)])];
  return (
    <Flex data-testid="cluster-picker" role="group" aria-label="Clusters to apply to">
      {names.map((name) => (
        <FlexItem key={name}>
          <Checkbox
            id={`apply-cluster-${name}`}
            label={name === primary ? `${name} (this object's cluster)` : name}
            isChecked={selected.includes(name)}
            isDisabled={isDisabled}
            onChange={(_e, on) => onChange(on ? [...selected, name] : selected.filter((c) => c !== name))}
          />
        </FlexItem>
      ))}
    </Flex>
  );
}
