'use client';

import { useCallback, useEffect, useState } from 'react';

/** What the user typed and the resourceVersion the edit started from; kept per object in sessionStorage. */
export interface Draft {
  text: string;
  /** resourceVersion of the live object when the edit started (absent: creating). */
  baseResourceVersion?: string;
  /** A version set aside by "Reload theirs": the user's text before reloading, never dropped silently. */
  stash?: string;
  /** The text came from "Revert" in the history: the apply is recorded as a revert. */
  revert?: boolean;
  savedAt: number;
}

const PREFIX = 'meridian:draft:';

function read(key: string): Draft | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

function write(key: string, draft: Draft | null): void {
  try {
    if (draft) sessionStorage.setItem(PREFIX + key, JSON.stringify(draft));
    else sessionStorage.removeItem(PREFIX + key);
  } catch {
    /* storage full or disabled: the draft still lives in the component state */
  }
}

/**
 * The editor's draft of one object, in component state and in sessionStorage (a reload or a failed
 * apply never loses it). `loaded` is false until sessionStorage was read (client only).
 */
export function useDraft(key: string) {
  const [state, setState] = useState<{ key: string; draft: Draft | null; loaded: boolean }>({ key, draft: null, loaded: false });
  useEffect(() => {
    // sessionStorage exists only in the browser: read it after mount (and when the object changes).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setState({ key, draft: read(key), loaded: true });
  }, [key]);
  const save = useCallback(
    (draft: Draft | null) => {
      write(key, draft);
      setState({ key, draft, loaded: true });
    },
    [key],
  );
  const current = state.key === key ? state : { key, draft: null, loaded: false };
  return { draft: current.draft, loaded: current.loaded, save };
}
