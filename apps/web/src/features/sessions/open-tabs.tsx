'use client';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

/** Sessions open as tabs in this browser, per project (kept across reloads in localStorage). */
interface OpenTabs {
  ids: readonly string[];
  open: (sessionId: string) => void;
  close: (sessionId: string) => void;
}

const MAX_TABS = 12;
const OpenTabsContext = createContext<OpenTabs | null>(null);

function storageKey(projectId: string): string {
  return `maestro.sessionTabs.${projectId}`;
}

function load(projectId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(storageKey(projectId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string').slice(0, MAX_TABS) : [];
  } catch {
    return [];
  }
}

export function OpenTabsProvider({ projectId, children }: { projectId: string; children: ReactNode }) {
  const [ids, setIds] = useState<string[]>(() => load(projectId));
  useEffect(() => window.localStorage.setItem(storageKey(projectId), JSON.stringify(ids)), [projectId, ids]);
  // The oldest tab goes when too many are open: a tab costs nothing until shown, but a strip of 50 helps nobody.
  const open = useCallback((id: string) => setIds((prev) => (prev.includes(id) ? prev : [...prev, id].slice(-MAX_TABS))), []);
  const close = useCallback((id: string) => setIds((prev) => prev.filter((x) => x !== id)), []);
  const value = useMemo(() => ({ ids, open, close }), [ids, open, close]);
  return <OpenTabsContext.Provider value={value}>{children}</OpenTabsContext.Provider>;
}

export function useOpenTabs(): OpenTabs {
  const tabs = useContext(OpenTabsContext);
  if (!tabs) throw new Error('useOpenTabs needs <OpenTabsProvider>');
  return tabs;
}
