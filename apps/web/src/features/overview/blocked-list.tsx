import type { StatusOutput } from '@maestro/schemas';
import Link from 'next/link';
import { links } from '../shell/links';
import { ROW, Section } from './section';

/** Blocked tasks and why, as the server reports them (at most 50, oldest block first). */
export function BlockedList({ projectId, status }: { projectId: string; status: StatusOutput }) {
  return (
    <Section id="blocked" title="Blocked" count={status.byStatus.blocked} empty="Nothing is blocked.">
      <ul className="divide-y divide-border overflow-auto">
        {status.blocked.map((t) => (
          <li key={t.id}>
            <Link href={links.task(projectId, t.id)} data-testid="overview-blocked-item" data-task-id={t.id} className={`${ROW} flex-col items-start`}>
              <span className="font-medium">{t.title}</span>
              <span className="text-[13px] text-danger">{t.blockedReason ?? 'No reason given'}</span>
              {t.assignee && <span className="text-[12px] text-muted">Assigned to {t.assignee}</span>}
            </Link>
          </li>
        ))}
      </ul>
      {status.byStatus.blocked > status.blocked.length && (
        <Link href={`/p/${projectId}?status=blocked`} className="px-3 py-2 text-[13px] text-accent hover:underline">
          All {status.byStatus.blocked} blocked tasks on the board
        </Link>
      )}
    </Section>
  );
}
