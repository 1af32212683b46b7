'use client';

import { Alert, Button, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import type { FieldCause } from '@/lib/istio';
import { type Marker, type Obj, parseYamlObject, patchYamlText } from '@/lib/istio/forms';
import { DestinationRuleForm } from './DestinationRuleForm';
import { VirtualServiceForm } from './VirtualServiceForm';
import { YamlEditor } from './YamlEditor';

export type EditorTab = 'form' | 'yaml';

interface Props {
  kind: string;
  text: string;
  onText: (text: string) => void;
  tab: EditorTab;
  onTab: (tab: EditorTab) => void;
  /** Schema causes of the current text (for the form's fields). */
  causes: readonly FieldCause[];
  markers: readonly Marker[];
  readOnly: boolean;
  /** Pod versions / subsets of the host (from the graph and the DestinationRule). */
  versions: readonly string[];
  focusLine?: number;
  /** The user's own version set aside by "Reload theirs". */
  stash?: string;
  onRestoreStash?: () => void;
  onDropStash?: () => void;
}

export const hasForm = (kind: string) => kind === 'VirtualService' || kind === 'DestinationRule';

/** Form and YAML of one object, in sync both ways: the form patches the text, the text feeds the form. */
export function ObjectEditor(props: Props) {
  const { kind, text, onText, tab, onTab, causes, markers, readOnly, versions } = props;
  const parsed = parseYamlObject(text);
  const setObject = (next: Obj) => onText(patchYamlText(text, next));
  const formTab = hasForm(kind) && !readOnly;
  const active = formTab ? tab : 'yaml';
  return (
    <Tabs activeKey={active} onSelect={(_e, k) => onTab(k === 'form' ? 'form' : 'yaml')} aria-label="Editor" mountOnEnter unmountOnExit>
      {formTab && (
        <Tab eventKey="form" title={<TabTitleText>Form</TabTitleText>}>
          <div style={{ paddingTop: 16 }}>
            {!parsed.ok ? (
              <Alert isInline variant="warning" title="The form is read-only until the YAML parses" data-testid="form-blocked">
                Line {parsed.line}: {parsed.message}. Fix it in the YAML tab; nothing you typed is lost.
              </Alert>
            ) : kind === 'VirtualService' ? (
              <VirtualServiceForm object={parsed.value} onChange={setObject} causes={causes} subsets={versions} />
            ) : (
              <DestinationRuleForm object={parsed.value} onChange={setObject} causes={causes} versions={versions} />
            )}
          </div>
        </Tab>
      )}
      <Tab eventKey="yaml" title={<TabTitleText>YAML</TabTitleText>}>
        <div style={{ paddingTop: 16 }}>
          {props.stash !== undefined && (
            <Alert
              isInline
              variant="info"
              title="Your version is kept"
              data-testid="stash-alert"
              style={{ marginBottom: 8 }}
              actionLinks={
                <>
                  <Button variant="link" isInline onClick={props.onRestoreStash}>
                    Restore my version
                  </Button>{' '}
                  <Button variant="link" isInline onClick={props.onDropStash}>
                    Forget it
                  </Button>
                </>
              }
            >
              The editor shows their version now. Your edit is kept here until you restore it or forget it.
              <pre style={{ maxHeight: 160, overflow: 'auto', fontSize: 12 }} data-testid="stash-text">{props.stash}</pre>
            </Alert>
          )}
          {!parsed.ok && (
            <Alert isInline variant="danger" title={`YAML error at line ${parsed.line}`} style={{ marginBottom: 8 }}>
              {parsed.message}
            </Alert>
          )}
          <YamlEditor value={text} onChange={readOnly ? undefined : onText} markers={markers} readOnly={readOnly} label={`YAML of the ${kind}`} focusLine={props.focusLine} />
        </div>
      </Tab>
    </Tabs>
  );
}
