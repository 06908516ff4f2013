'use client';
import { LayoutGrid, List, X } from 'lucide-react';
import Link from 'next/link';
import { useParams, usePathname, useRouter } from 'next/navigation';
import { SESSION_STATUS_TONE } from '@/lib/status';
import { sessionHref } from './links';
import { useOpenTabs } from './open-tabs';
import { useSessionList } from './use-sessions';

const TAB = 'flex h-8 items-center gap-1.5 rounded-t-md border-x border-t px-2.5 text-[13px] whitespace-nowrap';
const ACTIVE = 'border-border bg-bg font-medium text-fg';
const IDLE = 'border-transparent text-muted hover:text-fg';

/** The sessions section's tab strip: the list, the grid, then every open session (closable). */
export function SessionTabs({ projectId }: { projectId: string }) {
  const pathname = usePathname();
  const router = useRouter();
  const params = useParams<{ sessionId?: string }>();
  const { ids, close } = useOpenTabs();
  const byId = new Map(useSessionList(projectId).map((s) => [s.id, s]));
  const base = `/p/${projectId}/sessions`;

  const closeTab = (id: string) => {
    const index = ids.indexOf(id);
    close(id);
    if (params.sessionId !== id) return;
    const next = ids[index + 1] ?? ids[index - 1];
    router.push(next && next !== id ? sessionHref(projectId, next) : base);
  };

  return (
    <nav aria-label="Open sessions" className="flex shrink-0 items-end gap-0.5 overflow-x-auto border-b border-border bg-panel px-2 pt-1.5">
      <Link href={base} className={`${TAB} ${pathname === base ? ACTIVE : IDLE}`} aria-current={pathname === base ? 'page' : undefined}>
        <List aria-hidden size={14} /> All sessions
      </Link>
      <Link
        href={`${base}/grid`}
        className={`${TAB} ${pathname === `${base}/grid` ? ACTIVE : IDLE}`}
        aria-current={pathname === `${base}/grid` ? 'page' : undefined}
      >
        <LayoutGrid aria-hidden size={14} /> Grid
      </Link>
      {ids.map((id) => {
        const session = byId.get(id);
        const current = params.sessionId === id;
        return (
          <span key={id} data-testid="session-tab" data-session-id={id} className={`${TAB} pr-1 ${current ? ACTIVE : IDLE}`}>
            <Link href={sessionHref(projectId, id)} aria-current={current ? 'page' : undefined} className="flex items-center gap-1.5">
              <span aria-hidden className={`size-2 rounded-full ${session ? SESSION_STATUS_TONE[session.status] : 'bg-border'}`} />
              <span className="max-w-40 truncate">{session?.name ?? id}</span>
            </Link>
            <button
              type="button"
              onClick={() => closeTab(id)}
              aria-label={`Close ${session?.name ?? id}`}
              className="rounded p-0.5 text-muted hover:bg-raised hover:text-fg"
            >
              <X aria-hidden size={12} />
            </button>
          </span>
        );
      })}
    </nav>
  );
}
