'use client';

import { Alert, Button, Form, FormGroup, Modal, ModalBody, ModalFooter, ModalHeader, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { ApiError } from '@/lib/api/fetch-json';
import type { ObjectRef } from '@/lib/istio-config/api';
import { deleteObject } from './api';

interface Props {
  objRef: ObjectRef;
  resourceVersion: string | undefined;
  token: string;
  onClose: () => void;
  onDeleted: () => void;
}

/** Delete with confirmation: the user types the name; the resourceVersion precondition refuses a stale delete. */
export function DeleteModal({ objRef, resourceVersion, token, onClose, onDeleted }: Props) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await deleteObject(objRef, resourceVersion, token);
      onDeleted();
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? `Someone else changed it meanwhile (${e.detail.message}). Reload the page and check their change first.` : e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <Modal isOpen onClose={onClose} variant="small" aria-labelledby="delete-title" data-testid="delete-modal">
      <ModalHeader title={`Delete ${objRef.kind} ${objRef.name}?`} labelId="delete-title" titleIconVariant="warning" />
      <ModalBody>
        <p>
          This deletes {objRef.kind} <strong>{objRef.namespace}/{objRef.name}</strong> from cluster <strong>{objRef.cluster}</strong>. Traffic it routes falls back to the defaults.
        </p>
        <Form onSubmit={(e) => e.preventDefault()}>
          <FormGroup label={`Type ${objRef.name} to confirm`} fieldId="delete-confirm">
            <TextInput id="delete-confirm" value={typed} onChange={(_e, v) => setTyped(v)} autoFocus />
          </FormGroup>
        </Form>
        {error && <Alert isInline variant="danger" title="Not deleted">{error}</Alert>}
      </ModalBody>
      <ModalFooter>
        <Button variant="danger" onClick={() => void submit()} isDisabled={typed !== objRef.name || busy} isLoading={busy}>
          Delete
        </Button>
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}
