'use client';
import { Search } from 'lucide-react';
import { useState, type RefObject } from 'react';
import type { TerminalApi } from '../terminal/terminal';

/** Find in the terminal's scrollback: Enter for the next match, Shift+Enter for the previous. */
export function TerminalSearch({ api }: { api: RefObject<TerminalApi | null> }) {
  const [query, setQuery] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <label className="relative flex items-center">
      <Search aria-hidden size={13} className="pointer-events-none absolute left-2 text-muted" />
      <input
        type="search"
        value={query}
        aria-label="Find in output"
        aria-invalid={missing}
        placeholder="Find in output"
        onChange={(e) => {
          setQuery(e.target.value);
          setMissing(false);
          if (!e.target.value) api.current?.clearSearch();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') api.current?.focus();
          if (e.key !== 'Enter' || !query) return;
          e.preventDefault();
          const found = e.shiftKey ? api.current?.findPrevious(query) : api.current?.findNext(query);
          setMissing(found === false);
        }}
        className="h-7 w-44 rounded-md border border-border bg-bg pr-2 pl-7 text-[13px] placeholder:text-muted aria-[invalid=true]:border-danger"
      />
    </label>
  );
}
