'use client';

import { Button, HelperText, HelperTextItem, Popover, TextInputGroup, TextInputGroupMain, TextInputGroupUtilities } from '@patternfly/react-core';
import { HelpIcon, TimesIcon } from '@patternfly/react-icons';
import { useState } from 'react';
import { FLAGS, NUMBER_FIELDS, TEXT_FIELDS, parseFind, type FindError } from '@/lib/graph/find';

/** The expression with the erroneous span marked, so the user sees where the problem is. */
function Marked({ src, error }: { src: string; error: FindError }) {
  const end = Math.min(error.end, Math.max(src.length, error.start + 1));
  const bad = src.slice(error.start, end) || ' ';
  return (
    <code className="meridian-find-marked">
      {src.slice(0, error.start)}
      <mark>{bad}</mark>
      {src.slice(end)}
    </code>
  );
}

const HELP = (
  <div style={{ fontSize: 13 }}>
    <p>
      Text: <code>{TEXT_FIELDS.join(' ')}</code> with <code>=</code> or <code>!=</code> (<code>*</code> wildcard).
    </p>
    <p>
      Numbers: <code>{NUMBER_FIELDS.join(' ')}</code> with <code>{'> >= < <= = !='}</code> (rt in ms, %error in percent).
    </p>
    <p>
      Flags: <code>{FLAGS.join(' ')}</code>. Combine with <code>AND</code>, <code>OR</code>, <code>NOT</code> and parentheses; AND binds first.
    </p>
    <p>
      Example: <code>ns=bookinfo AND (%error&gt;1 OR rt&gt;200)</code>
    </p>
  </div>
);

interface Props {
  kind: 'find' | 'hide';
  value: string;
  onApply: (expr: string) => void;
  /** Shown under the input when the applied expression is valid, e.g. "3 nodes match". */
  status?: string;
}

/** A find or hide expression input: checked while typing, applied on Enter (or when it loses focus). */
export function ExpressionInput({ kind, value, onApply, status }: Props) {
  const [draft, setDraft] = useState(value);
  const [applied, setApplied] = useState(value);
  if (applied !== value) {
    // The URL changed (back/forward, deep link): show what is applied.
    setApplied(value);
    setDraft(value);
  }
  const parsed = parseFind(draft);
  const apply = () => {
    if (parsed.ok && draft !== value) onApply(draft.trim());
  };
  const id = `graph-${kind}`;
  return (
    <div className="meridian-find" data-testid={`${kind}-expression`}>
      <TextInputGroup validated={parsed.ok ? undefined : 'error'}>
        <TextInputGroupMain
          value={draft}
          placeholder={kind === 'find' ? 'Find: app=reviews OR %error>1' : 'Hide: ns=istio-system OR idle'}
          aria-label={kind === 'find' ? 'Find expression' : 'Hide expression'}
          aria-invalid={!parsed.ok}
          aria-describedby={`${id}-help`}
          inputId={id}
          onChange={(_e, v) => setDraft(v)}
          onBlur={apply}
          onKeyDown={(e) => {
            if (e.key === 'Enter') apply();
            if (e.key === 'Escape') setDraft(value);
          }}
        />
        <TextInputGroupUtilities>
          {draft && (
            <Button
              variant="plain"
              aria-label={`Clear ${kind} expression`}
              onClick={() => {
                setDraft('');
                onApply('');
              }}
              icon={<TimesIcon />}
            />
          )}
          <Popover headerContent="Find and hide expressions" bodyContent={HELP}>
            <Button variant="plain" aria-label={`${kind} expression syntax`} icon={<HelpIcon />} />
          </Popover>
        </TextInputGroupUtilities>
      </TextInputGroup>
      <HelperText id={`${id}-help`}>
        {!parsed.ok ? (
          <HelperTextItem variant="error" data-testid={`${kind}-error`}>
            {parsed.error.message} (column {parsed.error.start + 1}) <Marked src={draft} error={parsed.error} />
          </HelperTextItem>
        ) : (
          status && draft === value && <HelperTextItem data-testid={`${kind}-status`}>{status}</HelperTextItem>
        )}
      </HelperText>
    </div>
  );
}
