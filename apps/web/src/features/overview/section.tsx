import type { ReactNode } from 'react';

/** A titled block of the overview, with its count and what to do when it is empty. */
export function Section({ id, title, count, empty, children }: { id: string; title: string; count: number; empty: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} data-testid={`overview-${id}`} className="flex min-h-0 flex-col rounded-lg border border-border bg-panel">
      <h2 id={`${id}-title`} className="flex items-center gap-2 border-b border-border px-3 py-2 text-[13px] font-semibold">
        {title}
        <span data-testid={`overview-${id}-count`} className="rounded bg-raised px-1.5 text-[12px] font-medium text-muted ring-1 ring-border">
          {count}
        </span>
      </h2>
      {count === 0 ? <div className="px-3 py-4 text-[13px] text-muted">{empty}</div> : children}
    </section>
  );
}

/** A row that links somewhere: dense, full-width, keyboard-reachable. */
export const ROW = 'flex min-h-8 items-center gap-2 px-3 py-1.5 hover:bg-raised focus-visible:bg-raised';
