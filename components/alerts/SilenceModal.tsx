'use client';

import { Alert as PfAlert, Button, Form, FormGroup, FormSelect, FormSelectOption, Label, LabelGroup, Modal, ModalBody, ModalFooter, ModalHeader, TextArea } from '@patternfly/react-core';
import { useState } from 'react';
import { matchersFor, SILENCE_DURATIONS, type Alert } from '@/lib/alerts';
import { ApiError } from '@/lib/api/fetch-json';
import { useToast } from '@/components/shell/Toasts';
import { useSilenceMutations } from './useAlerts';

/** Silences one alert in the Alertmanager: matchers from its labels, a duration and a comment. */
export function SilenceModal({ alert, onClose }: { alert: Alert; onClose: () => void }) {
  const [minutes, setMinutes] = useState<number>(60);
  const [comment, setComment] = useState('');
  const { create, readOnly, user } = useSilenceMutations();
  const toast = useToast();
  const matchers = matchersFor(alert);
  const submit = () =>
    create.mutate(
      { matchers, durationMinutes: minutes, comment: comment.trim(), ...(user && user !== 'anonymous' ? { createdBy: user } : { createdBy: 'meridian-console' }) },
      {
        onSuccess: () => {
          toast({ variant: 'success', title: `Silenced ${alert.name} for ${SILENCE_DURATIONS.find((d) => d.minutes === minutes)?.label ?? `${minutes} min`}` });
          onClose();
        },
      },
    );
  const error = create.error instanceof ApiError ? create.error.detail.message : create.error ? String(create.error) : undefined;
  return (
    <Modal isOpen onClose={onClose} variant="medium" aria-labelledby="silence-title">
      <ModalHeader title={`Silence ${alert.name}`} labelId="silence-title" description={alert.summary} />
      <ModalBody>
        <Form
          id="silence-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <FormGroup label="Matchers" fieldId="silence-matchers">
            <LabelGroup numLabels={20} id="silence-matchers">
              {matchers.map((m) => (
                <Label key={m.name} isCompact>
                  {m.name}=&quot;{m.value}&quot;
                </Label>
              ))}
            </LabelGroup>
          </FormGroup>
          <FormGroup label="Duration" fieldId="silence-duration" isRequired>
            <FormSelect id="silence-duration" value={String(minutes)} onChange={(_e, v) => setMinutes(Number(v))} aria-label="Duration">
              {SILENCE_DURATIONS.map((d) => (
                <FormSelectOption key={d.minutes} value={String(d.minutes)} label={d.label} />
              ))}
            </FormSelect>
          </FormGroup>
          <FormGroup label="Comment" fieldId="silence-comment" isRequired>
            <TextArea id="silence-comment" value={comment} onChange={(_e, v) => setComment(v)} aria-label="Comment" placeholder="Why, and who is on it" resizeOrientation="vertical" />
          </FormGroup>
          {readOnly && <PfAlert isInline variant="info" title="Meridian is in read-only mode: silences cannot be created here." />}
          {error && <PfAlert isInline variant="danger" title="The silence was not created">{error}</PfAlert>}
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" type="submit" form="silence-form" isDisabled={!comment.trim() || readOnly} isLoading={create.isPending}>
          Silence
        </Button>
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}
