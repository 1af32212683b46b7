'use client';

import { Alert, AlertActionLink, Button, Flex, FlexItem } from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { type EditorTab, hasForm, ObjectEditor } from '@/components/editors/ObjectEditor';
import type { Draft } from '@/components/editors/useDraft';
import { queryKey } from '@/components/shell/query-keys';
import type { FieldCause } from '@/lib/api/errors';
import type { ConfigItem, ObjectRef, OperationResult } from '@/lib/istio-config/api';
import { checkObject, diffYaml, type Marker, markersFor, parseYamlObject, str } from '@/lib/istio/forms';
import { validateYaml } from './api';
import { ApplyModal } from './ApplyModal';
import { DeleteModal } from './DeleteModal';
import { FindingsList } from './FindingsList';

interface Props {
  objRef: ObjectRef;
  /** The object as the cluster has it (null: creating a new one). */
  live: ConfigItem | null;
  /** The editor's text when there is no draft: the live object, or the template of a new one. */
  pristineText: string;
  draft: Draft | null;
  saveDraft: (d: Draft | null) => void;
  readOnly: boolean;
  token: string | undefined;
  versions: readonly string[];
  onApplied: (rows: OperationResult[], ref: ObjectRef) => void;
  onDeleted?: () => void;
  /** A review/apply or delete dialog opened or closed (the page pauses its polling meanwhile). */
  onDialog?: (open: boolean) => void;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** The editor of one object with everything around it: draft, markers, findings, review and apply, delete. */
export function ObjectWorkspace({ objRef, live, pristineText, draft, saveDraft, readOnly, token, versions, onApplied, onDeleted, onDialog }: Props) {
  const [tab, setTab] = useState<EditorTab>(hasForm(objRef.kind) ? 'form' : 'yaml');
  const [serverCauses, setServerCauses] = useState<FieldCause[]>([]);
  const [focusLine, setFocusLine] = useState<number | undefined>();
  const [modal, setModalState] = useState<'apply' | 'delete' | undefined>();
  const setModal = (m: 'apply' | 'delete' | undefined) => {
    setModalState(m);
    onDialog?.(m !== undefined);
  };
  const text = draft?.text ?? pristineText;
  const baseRv = draft ? draft.baseResourceVersion : live?.resourceVersion;
  const save = (next: Partial<Draft>) => {
    const merged = { text, baseResourceVersion: baseRv, stash: draft?.stash, revert: draft?.revert, ...next };
    const pristine = merged.text === pristineText && !merged.revert && merged.baseResourceVersion === live?.resourceVersion && merged.stash === undefined;
    saveDraft(pristine ? null : { ...merged, savedAt: Date.now() });
  };

  const parsed = parseYamlObject(text);
  const name = parsed.ok ? str((parsed.value.metadata as Record<string, unknown> | undefined)?.name) || objRef.name : objRef.name;
  const ref = live ? objRef : { ...objRef, name };
  const check = parsed.ok ? checkObject(parsed.value, { kind: objRef.kind, namespace: objRef.namespace, ...(live ? { name: objRef.name } : {}) }) : undefined;
  const debounced = useDebounced(parsed.ok ? text : '', 800);
  const findingsQ = useQuery({
    queryKey: queryKey(objRef.cluster, 'validate', debounced),
    queryFn: () => validateYaml(debounced, objRef.cluster, token),
    // Not while a dialog is open: the review brings its own findings.
    enabled: debounced !== '' && !readOnly && modal === undefined,
    staleTime: 60_000,
    retry: false,
  });
  const findings = useMemo(() => findingsQ.data?.findings ?? [], [findingsQ.data]);
  const markers: Marker[] = useMemo(() => {
    const m = markersFor(text, { causes: check?.causes ?? [], serverCauses, findings });
    if (!parsed.ok) m.unshift({ line: parsed.line, message: parsed.message, severity: 'error', source: 'YAML' });
    return m;
  }, [text, check?.causes, serverCauses, findings, parsed]);

  const dirty = draft !== null;
  const changedMeanwhile = live && baseRv && live.resourceVersion !== baseRv;
  return (
    <div data-testid="object-workspace">
      {readOnly && <Alert isInline variant="info" title="Read-only mode: this console does not change clusters" style={{ marginBottom: 12 }} />}
      {dirty && !readOnly && (
        <Alert isInline variant="info" title="Unsaved changes (kept in this browser tab until applied or discarded)" data-testid="draft-alert" style={{ marginBottom: 12 }} actionLinks={<AlertActionLink onClick={() => saveDraft(null)}>Discard changes</AlertActionLink>} />
      )}
      {changedMeanwhile && !readOnly && (
        <Alert isInline variant="warning" title={`Changed on ${objRef.cluster} since you started editing (resourceVersion ${baseRv} → ${live.resourceVersion})`} style={{ marginBottom: 12 }}>
          Review and apply shows their change next to yours.
        </Alert>
      )}
      {serverCauses.length > 0 && (
        <Alert isInline variant="danger" title="The API server refused the object" data-testid="server-causes" style={{ marginBottom: 12 }} actionClose={<Button variant="plain" aria-label="Hide" onClick={() => setServerCauses([])}>×</Button>}>
          <ul>{serverCauses.map((c) => <li key={c.field + c.message}><code>{c.field}</code>: {c.message}</li>)}</ul>
        </Alert>
      )}
      {findings.length > 0 && (
        <Alert isInline variant={findings.some((f) => f.severity === 'error') ? 'danger' : 'warning'} title={`Findings (${findings.length})`} data-testid="editor-findings" style={{ marginBottom: 12 }}>
          <FindingsList findings={findings} empty="" />
        </Alert>
      )}
      <ObjectEditor
        kind={objRef.kind}
        text={text}
        onText={(t) => save({ text: t })}
        tab={tab}
        onTab={setTab}
        causes={check?.causes ?? []}
        markers={markers}
        readOnly={readOnly}
        versions={versions}
        focusLine={focusLine}
        {...(draft?.stash !== undefined ? { stash: draft.stash, onRestoreStash: () => save({ text: draft.stash, stash: undefined }), onDropStash: () => save({ stash: undefined }) } : {})}
      />
      {!readOnly && (
        <Flex style={{ marginTop: 16 }}>
          <FlexItem>
            <Button variant="primary" onClick={() => setModal('apply')} isDisabled={!parsed.ok || !token} data-testid="review-apply">
              {live ? 'Review and apply' : 'Review and create'}
            </Button>
          </FlexItem>
          {live && (
            <FlexItem align={{ default: 'alignRight' }}>
              <Button variant="danger" onClick={() => setModal('delete')} isDisabled={!token}>
                Delete
              </Button>
            </FlexItem>
          )}
        </Flex>
      )}
      {modal === 'apply' && parsed.ok && token && (
        <ApplyModal
          objRef={ref}
          object={parsed.value}
          baseResourceVersion={baseRv}
          {...(draft?.revert ? { action: 'revert' as const } : {})}
          token={token}
          onClose={() => setModal(undefined)}
          onServerCauses={(causes) => {
            setServerCauses(causes);
            setTab('yaml');
            const first = causes[0];
            if (first) setFocusLine(markersFor(text, { serverCauses: [first] })[0]?.line);
          }}
          onApplied={(rows) => {
            setServerCauses([]);
            if (rows.find((r) => r.cluster === objRef.cluster)?.ok) saveDraft(null);
            onApplied(rows, ref);
          }}
          onReloadTheirs={(theirs) => {
            save({ text: diffYaml(theirs.object), baseResourceVersion: theirs.resourceVersion, stash: text });
            setTab('yaml');
            setModal(undefined);
          }}
          onRebase={(rv) => save({ baseResourceVersion: rv })}
        />
      )}
      {modal === 'delete' && live && token && (
        <DeleteModal objRef={objRef} resourceVersion={live.resourceVersion} token={token} onClose={() => setModal(undefined)} onDeleted={() => {
          saveDraft(null);
          onDeleted?.();
        }} />
      )}
    </div>
  );
}
