'use client';

import { Alert, Button, Form, FormGroup, Modal, ModalBody, ModalFooter, ModalHeader, Spinner, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import type { ObjectRef, OperationResult } from '@/lib/istio-config/api';
import type { OperationInput } from './api';
import { FindingsList } from './FindingsList';
import { reviewedVersions, useApply, useReview } from './useOperation';

interface Props {
  objRef: ObjectRef;
  resourceVersion: string | undefined;
  token: string;
  onClose: () => void;
  onDeleted: () => void;
}

const refusal = (r: Pick<OperationResult, 'status' | 'error'>) => {
  const message = r.error?.message ?? `failed (${r.status})`;
  return r.status === 409 ? `Someone else changed it meanwhile (${message}). Reload the page and check their change first.` : message;
};

/**
 * Delete with confirmation, through the same review/apply operation as every edit: the review
 * dry-runs the delete and names what it would break; the user types the name; the resourceVersion
 * precondition refuses a stale delete.
 */
export function DeleteModal({ objRef, resourceVersion, token, onClose, onDeleted }: Props) {
  const [typed, setTyped] = useState('');
  const input: OperationInput = {
    operation: { op: 'delete', ref: { namespace: objRef.namespace, kind: objRef.kind, name: objRef.name } },
    clusters: [objRef.cluster],
    resourceVersions: resourceVersion ? { [objRef.cluster]: resourceVersion } : {},
  };
  const review = useReview(input, token);
  const apply = useApply(token);
  const row = review.data?.rows[0];
  const failed = apply.data?.rows.find((r) => !r.ok);
  const error = apply.error?.message ?? review.error?.message ?? (failed ? refusal(failed) : row && !row.dryRun.ok ? refusal(row.dryRun) : undefined);
  const submit = () => {
    if (!review.data) return;
    apply.mutate({ ...input, resourceVersions: reviewedVersions(review.data) }, { onSuccess: (res) => res.rows.every((r) => r.ok) && onDeleted() });
  };
  return (
    <Modal isOpen onClose={onClose} variant="small" aria-labelledby="delete-title" data-testid="delete-modal">
      <ModalHeader title={`Delete ${objRef.kind} ${objRef.name}?`} labelId="delete-title" titleIconVariant="warning" />
      <ModalBody>
        <p>
          This deletes {objRef.kind} <strong>{objRef.namespace}/{objRef.name}</strong> from cluster <strong>{objRef.cluster}</strong>. Traffic it routes falls back to the defaults.
        </p>
        {review.isFetching && <Spinner size="md" aria-label="Dry-run of the delete" />}
        {row && row.findings.length > 0 && (
          <Alert isInline variant="warning" title="Deleting it leaves these findings" data-testid="delete-findings">
            <FindingsList findings={row.findings} empty="" />
          </Alert>
        )}
        <Form onSubmit={(e) => e.preventDefault()}>
          <FormGroup label={`Type ${objRef.name} to confirm`} fieldId="delete-confirm">
            <TextInput id="delete-confirm" value={typed} onChange={(_e, v) => setTyped(v)} autoFocus />
          </FormGroup>
        </Form>
        {error && <Alert isInline variant="danger" title="Not deleted">{error}</Alert>}
      </ModalBody>
      <ModalFooter>
        <Button variant="danger" onClick={submit} isDisabled={typed !== objRef.name || !row?.dryRun.ok || review.isFetching || apply.isPending} isLoading={apply.isPending}>
          Delete
        </Button>
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}
