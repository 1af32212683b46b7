'use client';

import { Alert, Button, Flex } from '@patternfly/react-core';
import { DiffView } from '@/components/editors/DiffView';
import { diffYaml, type Obj } from '@/lib/istio/forms';

/** The object as someone else left it (from the review), or null when they deleted it. */
export interface Theirs {
  object: Obj;
  resourceVersion: string;
}

interface Props {
  theirs: Theirs | null;
  mine: Obj;
  onReloadTheirs: () => void;
  onOverwrite: () => void;
}

/** 409: someone else changed the object since the edit started. Both versions stay available. */
export function ConflictView({ theirs, mine, onReloadTheirs, onOverwrite }: Props) {
  return (
    <div data-testid="conflict-view">
      <Alert isInline variant="warning" title="Someone else changed this object since you started editing">
        {theirs
          ? `It is now at resourceVersion ${theirs.resourceVersion}. Compare their version with yours, then choose; your text is kept either way.`
          : 'It was deleted meanwhile. Applying yours creates it again.'}
      </Alert>
      <DiffView a={diffYaml(theirs?.object)} b={diffYaml(mine)} aLabel="Theirs (live now)" bLabel="Yours" testId="conflict-diff" />
      <Flex style={{ marginTop: 12 }}>
        <Button variant="secondary" onClick={onReloadTheirs} isDisabled={!theirs}>
          Reload theirs (keep mine in the YAML tab)
        </Button>
        <Button variant="warning" onClick={onOverwrite}>
          Overwrite with mine (re-base on their resourceVersion)
        </Button>
      </Flex>
    </div>
  );
}
