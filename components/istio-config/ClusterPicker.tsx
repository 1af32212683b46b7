'use client';

import { Checkbox, Flex, FlexItem } from '@patternfly/react-core';

/** Which clusters to apply to: defaults to the object's cluster, offers every cluster (`targets`, from the review). */
export function ClusterPicker({ selected, targets, onChange, primary, isDisabled }: { selected: readonly string[]; targets: readonly string[]; onChange: (c: string[]) => void; primary: string; isDisabled?: boolean }) {
  const names = [...new Set([primary, ...targets])];
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
