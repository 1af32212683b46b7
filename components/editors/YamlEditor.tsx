'use client';

import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import type { Marker } from '@/lib/istio/forms';

interface Props {
  value: string;
  onChange?: (text: string) => void;
  markers?: readonly Marker[];
  readOnly?: boolean;
  /** Accessible name of the editing area. */
  label: string;
  /** Line to scroll to and put the cursor on (e.g. the first 422 cause). */
  focusLine?: number;
  minHeight?: number;
}

function diagnosticsOf(state: EditorState, markers: readonly Marker[]): Diagnostic[] {
  return markers.map((m) => {
    const line = state.doc.line(Math.min(Math.max(1, m.line), state.doc.lines));
    return { from: line.from, to: line.to, severity: m.severity, message: m.message, source: m.source };
  });
}

/** The YAML editor: CodeMirror 6 in YAML mode, problems marked at their lines (gutter + underline). */
export function YamlEditor({ value, onChange, markers = [], readOnly, label, focusLine, minHeight = 360 }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          EditorState.readOnly.of(Boolean(readOnly)),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': 'yaml-editor' }),
          EditorView.theme({ '&': { minHeight: `${minHeight}px`, fontSize: '13px' }, '.cm-scroller': { minHeight: `${minHeight}px` } }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChangeRef.current?.(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The view is created once per mode; value and markers are pushed in by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readOnly, label, minHeight]);

  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === value) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    v.dispatch(setDiagnostics(v.state, diagnosticsOf(v.state, markers)));
  }, [markers, value]);

  useEffect(() => {
    const v = view.current;
    if (!v || !focusLine) return;
    const line = v.state.doc.line(Math.min(Math.max(1, focusLine), v.state.doc.lines));
    v.dispatch({ selection: { anchor: line.from }, effects: EditorView.scrollIntoView(line.from, { y: 'center' }) });
  }, [focusLine]);

  return <div ref={host} className="meridian-yaml-editor" style={{ border: '1px solid var(--pf-t--global--border--color--default)' }} />;
}
