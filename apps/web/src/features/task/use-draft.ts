'use client';
import { useCallback, useRef, useState } from 'react';

/**
 * A text field edited in place: while focused it holds the user's draft and the
 * version it started from; a live change underneath never replaces the draft
 * (the save then meets VERSION_CONFLICT and the user chooses). The draft lives
 * in a ref too, so Escape-then-blur in one tick cannot save a cancelled edit.
 */
export function useDraft(live: string, version: number) {
  const [draft, setDraftState] = useState<string | null>(null);
  const current = useRef<string | null>(null);
  const base = useRef({ value: live, version });
  const set = useCallback((value: string | null) => {
    current.current = value;
    setDraftState(value);
  }, []);
  const begin = useCallback(() => {
    if (current.current !== null) return;
    base.current = { value: live, version };
    set(live);
  }, [live, version, set]);
  return {
    value: draft ?? live,
    editing: draft !== null,
    /** The task changed elsewhere since this edit began. */
    stale: draft !== null && version !== base.current.version,
    begin,
    change: (value: string) => set(value),
    cancel: () => set(null),
    /** What to send, or null when nothing changed; ends the edit either way. */
    finish(): { value: string; baseVersion: number } | null {
      const value = current.current;
      set(null);
      if (value === null || value === base.current.value) return null;
      return { value, baseVersion: base.current.version };
    },
  };
}
