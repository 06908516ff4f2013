'use client';
import type { Task } from '@maestro/schemas';
import { useId, useMemo, useState } from 'react';
import { TASK_STATUS_TONE } from '@/lib/status';

const MAX_RESULTS = 8;

/**
 * A search box over the project's tasks (combobox: ↑/↓ choose, Enter adds,
 * Escape clears). Candidates exclude the task itself and what it already waits for.
 */
export function DependencyPicker({
  candidates,
  disabled,
  onPick,
  describedBy,
}: {
  candidates: readonly Task[];
  disabled: boolean;
  onPick: (task: Task) => Promise<boolean>;
  describedBy?: string | undefined;
}) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const results = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    return candidates.filter((t) => t.title.toLowerCase().includes(q) || t.id.startsWith(q)).slice(0, MAX_RESULTS);
  }, [candidates, query]);
  const shown = open && results.length > 0;
  const pick = async (task: Task) => {
    if (await onPick(task)) {
      setQuery('');
      setOpen(false);
    }
  };
  return (
    <div className="relative">
      <input
        role="combobox"
        aria-label="Add a dependency"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown ? `${listId}-${active}` : undefined}
        aria-describedby={describedBy}
        data-testid="dependency-search"
        placeholder="Add a dependency: search tasks…"
        disabled={disabled}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((i) => (results.length ? (i + step + results.length) % results.length : 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            const task = results[active];
            if (shown && task) void pick(task);
          } else if (e.key === 'Escape' && query) {
            e.stopPropagation();
            setQuery('');
          }
        }}
        className="h-7 w-full rounded-md border border-dashed border-border bg-transparent px-2.5 text-[13px] text-fg placeholder:text-muted aria-[invalid=true]:border-danger"
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Matching tasks"
        hidden={!shown}
        className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-border bg-raised py-1 shadow-lg"
      >
        {results.map((t, i) => (
          <li
            key={t.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            data-testid="dependency-option"
            // mousedown, not click: the input's blur would close the list first.
            onMouseDown={(e) => {
              e.preventDefault();
              void pick(t);
            }}
            onMouseEnter={() => setActive(i)}
            className={`flex cursor-pointer items-center gap-2 px-2.5 py-1 text-[13px] ${i === active ? 'bg-panel' : ''}`}
          >
            <span aria-hidden className={`size-2 shrink-0 rounded-full ${TASK_STATUS_TONE[t.status]}`} />
            <span className="min-w-0 flex-1 truncate">{t.title}</span>
            <span className="font-mono text-[11px] text-muted">{t.id}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
