'use client';

import { Alert, Button, Content, Modal, ModalBody, ModalFooter, ModalHeader, Spinner, Title, ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import { useEffect, useRef, useState } from 'react';
import { DiffView } from '@/components/editors/DiffView';
import type { FieldCause } from '@/lib/api/errors';
import type { ConfigItem, ObjectRef } from '@/lib/istio-config/api';
import { checkObject, diffYaml, type Obj, toYaml } from '@/lib/istio/forms';
import type { Finding } from '@/lib/validation/types';
import { getObject, validateYaml } from './api';
import { AffectedEdges } from './AffectedEdges';
import { applyToClusters, type ClusterResult, isItem, type LiveByCluster, loadLive } from './apply-flow';
import { ClusterPicker } from './ClusterPicker';
import { ConflictView } from './ConflictView';
import { FindingsList } from './FindingsList';
import { ResultsTable } from './ResultsTable';

interface Props {
  objRef: ObjectRef;
  object: Obj;
  /** resourceVersion the edit started from (absent: creating). */
  baseResourceVersion: string | undefined;
  /** "revert" when the text came from the history. */
  action?: 'apply' | 'revert';
  token: string;
  onClose: () => void;
  onServerCauses: (causes: FieldCause[]) => void;
  onApplied: (rows: ClusterResult[]) => void;
  onReloadTheirs: (theirs: ConfigItem) => void;
  onRebase: (resourceVersion: string | undefined) => void;
}

type Phase = 'checking' | 'reviewed' | 'applying' | 'applied';

/** Review and apply: client checks, findings, server dry-run per cluster, diff, affected edges, then apply. */
export function ApplyModal({ objRef, object, baseResourceVersion, action, token, onClose, onServerCauses, onApplied, onReloadTheirs, onRebase }: Props) {
  const [clusters, setClusters] = useState<string[]>([objRef.cluster]);
  const [phase, setPhase] = useState<Phase>('checking');
  const [findings, setFindings] = useState<Finding[] | 'unavailable' | undefined>();
  const [live, setLive] = useState<LiveByCluster>({});
  const [dryRows, setDryRows] = useState<ClusterResult[]>([]);
  const [applyRows, setApplyRows] = useState<ClusterResult[]>([]);
  const [conflict, setConflict] = useState<{ theirs: ConfigItem | null } | undefined>();
  const [diffCluster, setDiffCluster] = useState(objRef.cluster);
  const check = checkObject(object, { kind: objRef.kind, namespace: objRef.namespace, name: objRef.name });
  const blocked = check.causes.length > 0 || check.tooLarge;
  const run = useRef(0);

  const versionsFor = (l: LiveByCluster, base: string | undefined, chosen: readonly string[]) => {
    const out: Record<string, string> = {};
    for (const c of chosen) {
      const item = l[c];
      if (c === objRef.cluster) {
        if (base) out[c] = base;
      } else if (isItem(item)) out[c] = item.resourceVersion;
    }
    return out;
  };

  const afterRows = async (rows: ClusterResult[]) => {
    const primary = rows.find((r) => r.cluster === objRef.cluster);
    if (primary?.status === 409) setConflict({ theirs: await getObject(objRef).catch(() => null) });
    const causes = rows.flatMap((r) => r.causes ?? []);
    if (causes.length) onServerCauses(causes);
  };

  const review = async (base: string | undefined, chosen: readonly string[] = clusters) => {
    const id = ++run.current;
    setPhase('checking');
    setConflict(undefined);
    setDryRows([]);
    setApplyRows([]);
    // A schema problem still gets the server's verdict (a dry-run changes nothing); too large is refused here.
    if (check.tooLarge) return setPhase('reviewed');
    const [f, l] = await Promise.all([validateYaml(toYaml(object), objRef.cluster, token).catch(() => 'unavailable' as const), loadLive(objRef, chosen)]);
    if (id !== run.current) return;
    setFindings(f === 'unavailable' ? f : f.findings);
    setLive(l);
    const rows = await applyToClusters({ ref: objRef, object, clusters: chosen, resourceVersions: versionsFor(l, base, chosen), dryRun: true, token, ...(action ? { action } : {}) });
    if (id !== run.current) return;
    setDryRows(rows);
    await afterRows(rows);
    setPhase('reviewed');
  };

  useEffect(() => {
    // The review starts when the dialog opens (it talks to the server: an external system).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void review(baseResourceVersion);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const apply = async () => {
    setPhase('applying');
    const rows = await applyToClusters({ ref: objRef, object, clusters, resourceVersions: versionsFor(live, baseResourceVersion, clusters), dryRun: false, token, ...(action ? { action } : {}) });
    setApplyRows(rows);
    await afterRows(rows);
    setPhase('applied');
    if (rows.some((r) => r.ok)) onApplied(rows);
  };

  const dryOk = dryRows.length === clusters.length && dryRows.every((r) => r.ok);
  const diffItem = live[diffCluster];
  const proposed = dryRows.find((r) => r.cluster === diffCluster)?.object ?? object;
  return (
    <Modal isOpen onClose={onClose} variant="large" aria-labelledby="apply-title" data-testid="apply-modal">
      <ModalHeader title={`Review and apply ${objRef.kind} ${objRef.namespace}/${objRef.name}`} labelId="apply-title" />
      <ModalBody>
        {applyRows.length > 0 && (
          <>
            <Title headingLevel="h3">Result</Title>
            {applyRows.some((r) => !r.ok) && applyRows.some((r) => r.ok) && (
              <Alert isInline variant="warning" title="Partly applied: some clusters failed" data-testid="partial-failure" />
            )}
            <ResultsTable rows={applyRows} caption="Apply result per cluster" testId="apply-results" />
          </>
        )}
        <Title headingLevel="h3">Clusters</Title>
        <ClusterPicker selected={clusters} onChange={(c) => {
            if (!c.length) return;
            setClusters(c);
            void review(baseResourceVersion, c);
          }} primary={objRef.cluster} isDisabled={phase === 'checking' || phase === 'applying'} />
        <Title headingLevel="h3" style={{ marginTop: 16 }}>1. Checks in the browser</Title>
        {blocked ? (
          <Alert isInline variant="danger" title={check.tooLarge ? 'Too large to send' : 'The schema check failed: apply stays disabled until these are fixed'} data-testid="client-check">
            {check.tooLarge && <p>The request would be {check.bytes} bytes; the limit is 1 MiB (1048576 bytes).</p>}
            <ul>{check.causes.map((c) => <li key={c.field + c.message}><code>{c.field}</code>: {c.message}</li>)}</ul>
          </Alert>
        ) : (
          <Content component="p" data-testid="client-check">Schema: valid. Size: {check.bytes} bytes.</Content>
        )}
        <Title headingLevel="h3" style={{ marginTop: 16 }}>2. Findings</Title>
        {findings === undefined ? phase === 'checking' && !check.tooLarge ? <Spinner size="md" aria-label="Validating" /> : null : findings === 'unavailable' ? <p>Validation is not available on this server.</p> : <FindingsList findings={findings} empty="No findings." />}
        <Title headingLevel="h3" style={{ marginTop: 16 }}>3. Server dry-run</Title>
        {phase === 'checking' && !check.tooLarge && <Spinner size="md" aria-label="Dry-run" />}
        {dryRows.length > 0 && <ResultsTable rows={dryRows} caption="The API server's verdict (dryRun=All)" testId="dry-run-results" />}
        {conflict && (
          <ConflictView
            theirs={conflict.theirs}
            mine={object}
            onReloadTheirs={() => conflict.theirs && onReloadTheirs(conflict.theirs)}
            onOverwrite={() => {
              const rv = conflict.theirs?.resourceVersion;
              onRebase(rv);
              void review(rv);
            }}
          />
        )}
        {dryRows.length > 0 && (
          <>
            <Title headingLevel="h3" style={{ marginTop: 16 }}>4. Live versus proposed</Title>
            {clusters.length > 1 && (
              <ToggleGroup aria-label="Cluster of the diff">
                {clusters.map((c) => <ToggleGroupItem key={c} text={c} isSelected={c === diffCluster} onChange={() => setDiffCluster(c)} />)}
              </ToggleGroup>
            )}
            <DiffView a={isItem(diffItem) ? diffYaml(diffItem.object) : ''} b={diffYaml(proposed)} aLabel={`Live in ${diffCluster}${isItem(diffItem) ? '' : ' (does not exist)'}`} bLabel="Proposed" testId="apply-diff" />
            <Title headingLevel="h3" style={{ marginTop: 16 }}>5. Affected clusters and edges</Title>
            <AffectedEdges object={object} namespace={objRef.namespace} clusters={clusters} />
          </>
        )}
      </ModalBody>
      <ModalFooter>
        {phase !== 'applied' && (
          <Button variant="primary" onClick={() => void apply()} isDisabled={!dryOk || phase !== 'reviewed' || blocked} isLoading={phase === 'applying'}>
            Apply to {clusters.length === 1 ? clusters[0] : `${clusters.length} clusters`}
          </Button>
        )}
        {phase !== 'applied' && (
          <Button variant="secondary" onClick={() => void review(baseResourceVersion)} isDisabled={phase === 'checking' || phase === 'applying'}>
            Re-run checks
          </Button>
        )}
        <Button variant="link" onClick={onClose}>
          {phase === 'applied' ? 'Done' : 'Cancel'}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
