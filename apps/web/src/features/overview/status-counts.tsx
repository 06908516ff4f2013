import type { StatusOutput } from '@maestro/schemas';
import Link from 'next/link';
import { TASK_STATUS_LABEL, TASK_STATUS_ORDER, TASK_STATUS_TONE } from '@/lib/status';

/** Tasks by status, each tile opening the board filtered to that status. */
export function StatusCounts({ projectId, status }: { projectId: string; status: StatusOutput }) {
  return (
    <nav aria-label="Tasks by status" className="grid grid-cols-3 gap-2 sm:grid-cols-4 lg:grid-cols-7">
      <Link
        href={`/p/${projectId}`}
        data-testid="overview-total"
        data-count={status.total}
        className="rounded-lg border border-border bg-panel px-3 py-2 hover:bg-raised"
      >
        <div className="text-[12px] text-muted">All tasks</div>
        <div className="text-xl font-semibold tabular-nums">{status.total}</div>
      </Link>
      {TASK_STATUS_ORDER.map((s) => (
        <Link
          key={s}
          href={`/p/${projectId}?status=${s}`}
          data-testid="overview-status-count"
          data-status={s}
          data-count={status.byStatus[s]}
          className="rounded-lg border border-border bg-panel px-3 py-2 hover:bg-raised"
        >
          <div className="flex items-center gap-1.5 text-[12px] text-muted">
            <span aria-hidden className={`size-2 rounded-full ${TASK_STATUS_TONE[s]}`} />
            {TASK_STATUS_LABEL[s]}
          </div>
          <div className="text-xl font-semibold tabular-nums">{status.byStatus[s]}</div>
        </Link>
      ))}
    </nav>
  );
}
