'use client';
import type { TaskPriority, TaskStatus } from '@maestro/schemas';
import { Search } from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Kbd } from '@/components/ui/kbd';
import { PRIORITY_LABEL, PRIORITY_ORDER, TASK_STATUS_LABEL, TASK_STATUS_ORDER } from '@/lib/status';
import { UNASSIGNED, type BoardFilters } from './model';

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

function Chip({ pressed, onClick, children, testId }: { pressed: boolean; onClick: () => void; children: ReactNode; testId: string }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      data-testid={testId}
      className={`h-7 rounded-md border px-2 text-[12px] ${pressed ? 'border-accent bg-accent/10 text-fg' : 'border-border text-muted hover:text-fg'}`}
    >
      {children}
    </button>
  );
}

/** Search, status, priority and assignee filters; every change goes to the URL (so reload and links keep it). */
export function FilterBar({
  filters,
  assignees,
  onChange,
  actions,
}: {
  filters: BoardFilters;
  assignees: readonly string[];
  onChange: (patch: Partial<BoardFilters>) => void;
  actions?: ReactNode;
}) {
  const [text, setText] = useState(filters.q);
  const searchRef = useRef<HTMLInputElement>(null);
  // The URL is the source of truth: Back/forward or a cleared filter updates the field.
  useEffect(() => setText(filters.q), [filters.q]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== '/' || e.metaKey || e.ctrlKey || e.altKey || target?.closest('input, textarea, select, [contenteditable], dialog')) return;
      e.preventDefault();
      searchRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const active = filters.q !== '' || filters.status.length > 0 || filters.priority.length > 0 || filters.assignee !== '';
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-border px-3 py-2" role="search" aria-label="Filter tasks">
      <label className="relative flex items-center">
        <span className="sr-only">Search tasks</span>
        <Search size={14} className="pointer-events-none absolute left-2 text-muted" aria-hidden />
        <input
          ref={searchRef}
          type="search"
          value={text}
          placeholder="Search tasks"
          data-testid="board-search"
          onChange={(e) => {
            setText(e.target.value);
            onChange({ q: e.target.value });
          }}
          onKeyDown={(e) => e.key === 'Escape' && (e.currentTarget.value ? onChange({ q: '' }) : e.currentTarget.blur())}
          className="h-7 w-56 rounded-md border border-border bg-bg pr-7 pl-7 text-[13px] placeholder:text-muted"
        />
        <span className="pointer-events-none absolute right-1.5" aria-hidden>
          <Kbd>/</Kbd>
        </span>
      </label>
      <div className="flex items-center gap-1" role="group" aria-label="Status">
        {TASK_STATUS_ORDER.map((s: TaskStatus) => (
          <Chip key={s} testId={`filter-status-${s}`} pressed={filters.status.includes(s)} onClick={() => onChange({ status: toggle(filters.status, s) })}>
            {TASK_STATUS_LABEL[s]}
          </Chip>
        ))}
      </div>
      <div className="flex items-center gap-1" role="group" aria-label="Priority">
        {PRIORITY_ORDER.map((p: TaskPriority) => (
          <Chip
            key={p}
            testId={`filter-priority-${p}`}
            pressed={filters.priority.includes(p)}
            onClick={() => onChange({ priority: toggle(filters.priority, p) })}
          >
            {PRIORITY_LABEL[p]}
          </Chip>
        ))}
      </div>
      <label className="flex items-center gap-1 text-[12px] text-muted">
        Assignee
        <select
          value={filters.assignee}
          onChange={(e) => onChange({ assignee: e.target.value })}
          data-testid="filter-assignee"
          className="h-7 max-w-40 rounded-md border border-border bg-bg px-1 text-[12px] text-fg"
        >
          <option value="">Anyone</option>
          <option value={UNASSIGNED}>Unassigned</option>
          {[...new Set([...assignees, ...(filters.assignee && filters.assignee !== UNASSIGNED ? [filters.assignee] : [])])].map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      {active && (
        <button
          type="button"
          className="h-7 rounded-md px-2 text-[12px] text-muted hover:text-fg"
          onClick={() => onChange({ q: '', status: [], priority: [], assignee: '' })}
        >
          Clear filters
        </button>
      )}
      <div className="ml-auto flex items-center gap-2">{actions}</div>
    </div>
  );
}
