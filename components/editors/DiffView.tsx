'use client';

import { yaml } from '@codemirror/lang-yaml';
import { MergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';

interface Props {
  /** Left side (live / theirs). */
  a: string;
  /** Right side (proposed / yours). */
  b: string;
  aLabel: string;
  bLabel: string;
  testId?: string;
}

const readOnly = [basicSetup, yaml(), EditorState.readOnly.of(true), EditorView.editable.of(false)];

/** A read-only side-by-side diff of two YAML texts (CodeMirror merge view), unchanged stretches collapsed. */
export function DiffView({ a, b, aLabel, bLabel, testId }: Props) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const view = new MergeView({
      a: { doc: a, extensions: readOnly },
      b: { doc: b, extensions: readOnly },
      parent: host.current,
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    });
    return () => view.destroy();
  }, [a, b]);
  return (
    <div data-testid={testId}>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', fontWeight: 600, marginBottom: 4 }}>
        <span>{aLabel}</span>
        <span>{bLabel}</span>
      </div>
      {a === b ? <p>No differences.</p> : null}
      <div ref={host} style={{ maxHeight: 420, overflow: 'auto', border: '1px solid var(--pf-t--global--border--color--default)', fontSize: 12 }} />
    </div>
  );
}
