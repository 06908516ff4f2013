'use client';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { OutputCache } from './output-cache';

interface TerminalResources {
  /** The tail of recently shown sessions' output (bounded), so a re-shown terminal re-joins from its last chunk. */
  cache: OutputCache;
  /** This browser tab as a terminal viewer: the size of a session's PTY follows one viewer at a time. */
  viewerId: string;
}

const TerminalResourcesContext = createContext<TerminalResources | null>(null);

function tabViewerId(): string {
  const key = 'maestro.viewerId';
  const existing = window.sessionStorage.getItem(key);
  if (existing && /^[\w.:-]{1,64}$/.test(existing)) return existing;
  const id = `web-${crypto.randomUUID().slice(0, 13)}`;
  window.sessionStorage.setItem(key, id);
  return id;
}

/** Mounted once around every page that shows terminals (the sessions section). */
export function TerminalResourcesProvider({ children }: { children: ReactNode }) {
  const [resources] = useState<TerminalResources>(() => ({ cache: new OutputCache(), viewerId: tabViewerId() }));
  return <TerminalResourcesContext.Provider value={resources}>{children}</TerminalResourcesContext.Provider>;
}

export function useTerminalResources(): TerminalResources {
  const resources = useContext(TerminalResourcesContext);
  if (!resources) throw new Error('useTerminalResources needs <TerminalResourcesProvider>');
  return resources;
}
