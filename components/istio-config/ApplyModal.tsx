'use client';

import { Alert, Button, Content, Modal, ModalBody, ModalFooter, ModalHeader, Spinner, Title, ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import { useEffect, useMemo, useState } from 'react';
import { DiffView } from '@/components/editors/DiffView';
import type { FieldCause } from '@/lib/api/errors';
import type { ObjectRef, OperationResult } from '@/lib/istio-config/api';
import { checkObject, diffYaml, type Obj } from '@/lib/istio/forms';
import { AffectedEdges } from './AffectedEdges';
import type { OperationInput } from './api';
import { ClusterPicker } from './ClusterPicker';
import { ConflictView, type Theirs } from './ConflictView';
import { FindingsList } from './FindingsList';
import { ResultsTable } from './ResultsTable';
import { causesOf, reviewedVersions, useApply, useReview } from './useOperation';

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
  onApplied: (rows: OperationResult[]) => void;
  onReloadTheirs: (theirs: Theirs) => void;
  onRebase: (resourceVersion: string | undefined) => void;
}

/**
 * Review and apply: client checks, then one review (per cluster: findings, server dry-run, diff; the
 * affected traffic), then one apply with the reviewed resourceVersions. A conflict at apply time
 * re-runs the review, which brings their version for the conflict view.
 */
export function ApplyModal({ objRef, token, onClose, onServerCauses, onApplied, onReloadTheirs, onRebase, ...props }: Props) {
  // The dialog reviews the edit as the editor had it when it opened: what the page does after the
  // apply (a new resourceVersion, the draft and its revert mark cleared) must not start another review.
  const [object] = useState(props.object);
  const [action] = useState(props.action);
  const [base, setBase] = useState(props.baseResourceVersion);
  const [clusters, setClusters] = useState<string[]>([objRef.cluster]);
  const [diffCluster, setDiffCluster] = useState(objRef.cluster);
  const check = useMemo(() => checkObject(object, { kind: objRef.kind, namespace: objRef.namespace, name: objRef.name }), [object, objRef]);
  const blocked = check.causes.length > 0 || check.tooLarge;

  // The edit's cluster is based on the version the edit started from (none: a create); the others
  // are reviewed against whatever is live there.
  const input: OperationInput = { operation: { op: 'apply', object }, clusters, resourceVersions: { [objRef.cluster]: base ?? null }, ...(action ? { action } : {}) };
  // A schema problem still gets the server's verdict (a review changes nothing); too large is refused here.
  const review = useReview(input, token, !check.tooLarge);
  const apply = useApply(token);
  const rows = review.data?.rows ?? [];
  const applied = apply.data?.rows;

  const causes = causesOf([...rows.map((r) => r.dryRun), ...(applied ?? [])]);
  const causesKey = JSON.stringify(causes);
  useEffect(() => {
    if (causes.length) onServerCauses(causes);
    // Once per new set of causes (the callback is new on every render of the page).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [causesKey]);

  const run = () => {
    if (!review.data) return;
    apply.mutate(
      { ...input, resourceVersions: reviewedVersions(review.data) },
      {
        onSuccess: (res) => {
          // Changed meanwhile: the review again, for their version.
          if (res.rows.find((r) => r.cluster === objRef.cluster)?.status === 409) void review.refetch();
          if (res.rows.some((r) => r.ok)) onApplied(res.rows);
        },
      },
    );
  };
  const rereview = () => {
    apply.reset();
    void review.refetch();
  };

  const primary = rows.find((r) => r.cluster === objRef.cluster);
  const theirs: Theirs | null | undefined =
    primary?.dryRun.status === 409 ? (primary.live ? { object: primary.live, resourceVersion: primary.liveResourceVersion ?? '' } : null) : undefined;
  const reviewed = review.data !== undefined && !review.isPlaceholderData && !review.isFetching;
  const dryOk = reviewed && rows.length === clusters.length && rows.every((r) => r.dryRun.ok);
  const busy = review.isFetching || apply.isPending;
  const diffRow = rows.find((r) => r.cluster === diffCluster) ?? rows[0];
  const changed = diffRow?.changed.filter((f) => f !== '(whole object)') ?? [];
  return (
    <Modal isOpen onClose={onClose} variant="large" aria-labelledby="apply-title" data-testid="apply-modal">
      <ModalHeader title={`Review and apply ${objRef.kind} ${objRef.namespace}/${objRef.name}`} labelId="apply-title" />
      <ModalBody>
        {applied && (
          <>
            <Title headingLevel="h3">Result</Title>
            {applied.some((r) => !r.ok) && applied.some((r) => r.ok) && <Alert isInline variant="warning" title="Partly applied: some clusters failed" data-testid="partial-failure" />}
            <ResultsTable rows={applied} dryRun={false} caption="Apply result per cluster" testId="apply-results" />
          </>
        )}
        {apply.error && <Alert isInline variant="danger" title="Not applied" data-testid="apply-error">{apply.error.message}</Alert>}
        <Title headingLevel="h3">Clusters</Title>
        <ClusterPicker
          selected={clusters}
          targets={review.data?.targets ?? []}
          onChange={(c) => {
            if (!c.length) return;
            // After an apply, the edit's cluster is at the version it wrote.
            const mine = applied?.find((r) => r.cluster === objRef.cluster && r.ok && r.resourceVersion);
            if (mine) setBase(mine.resourceVersion);
            apply.reset();
            setClusters(c);
          }}
          primary={objRef.cluster}
          isDisabled={busy}
        />
        <Title headingLevel="h3" style={{ marginTop: 16 }}>1. Checks in the browser</Title>
        {blocked ? (
          <Alert isInline variant="danger" title={check.tooLarge ? 'Too large to send' : 'The schema check failed: apply stays disabled until these are fixed'} data-testid="client-check">
            {check.tooLarge && <p>The request would be {check.bytes} bytes; the limit is 1 MiB (1048576 bytes).</p>}
            <ul>{check.causes.map((c) => <li key={c.field + c.message}><code>{c.field}</code>: {c.message}</li>)}</ul>
          </Alert>
        ) : (
          <Content component="p" data-testid="client-check">Schema: valid. Size: {check.bytes} bytes.</Content>
        )}
        {review.error && <Alert isInline variant="danger" title="The review failed" data-testid="review-error">{review.error.message}</Alert>}
        <Title headingLevel="h3" style={{ marginTop: 16 }}>2. Findings</Title>
        {review.isFetching ? (
          <Spinner size="md" aria-label="Validating" />
        ) : (
          rows.map((r) => (
            <div key={r.cluster}>
              {rows.length > 1 && <Content component="h4">{r.cluster}</Content>}
              <FindingsList findings={r.findings} empty="No findings." />
            </div>
          ))
        )}
        <Title headingLevel="h3" style={{ marginTop: 16 }}>3. Server dry-run</Title>
        {review.isFetching && <Spinner size="md" aria-label="Dry-run" />}
        {rows.length > 0 && <ResultsTable rows={rows.map((r) => r.dryRun)} dryRun caption="The API server's verdict (dryRun=All)" testId="dry-run-results" />}
        {theirs !== undefined && (
          <ConflictView
            theirs={theirs}
            mine={object}
            onReloadTheirs={() => theirs && onReloadTheirs(theirs)}
            onOverwrite={() => {
              apply.reset();
              setBase(theirs?.resourceVersion);
              onRebase(theirs?.resourceVersion);
            }}
          />
        )}
        {diffRow && review.data && (
          <>
            <Title headingLevel="h3" style={{ marginTop: 16 }}>4. Live versus proposed</Title>
            {clusters.length > 1 && (
              <ToggleGroup aria-label="Cluster of the diff">
                {clusters.map((c) => <ToggleGroupItem key={c} text={c} isSelected={c === diffRow.cluster} onChange={() => setDiffCluster(c)} />)}
              </ToggleGroup>
            )}
            <DiffView a={diffYaml(diffRow.live ?? undefined)} b={diffYaml(diffRow.proposed ?? undefined)} aLabel={`Live in ${diffRow.cluster}${diffRow.live ? '' : ' (does not exist)'}`} bLabel="Proposed" testId="apply-diff" />
            {changed.length > 0 && <Content component="small" data-testid="changed-fields">Changed: {changed.join(', ')}</Content>}
            <Title headingLevel="h3" style={{ marginTop: 16 }}>5. Affected clusters and edges</Title>
            <AffectedEdges affected={review.data.affected} clusters={clusters} />
          </>
        )}
      </ModalBody>
      <ModalFooter>
        {!apply.isSuccess && (
          <Button variant="primary" onClick={run} isDisabled={!dryOk || busy || blocked} isLoading={apply.isPending}>
            Apply to {clusters.length === 1 ? clusters[0] : `${clusters.length} clusters`}
          </Button>
        )}
        {!apply.isSuccess && (
          <Button variant="secondary" onClick={rereview} isDisabled={busy}>
            Re-run checks
          </Button>
        )}
        <Button variant="link" onClick={onClose}>
          {apply.isSuccess ? 'Done' : 'Cancel'}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
