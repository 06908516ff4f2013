'use client';
import Link from 'next/link';
import { useParams, usePathname } from 'next/navigation';
import { Kbd } from '@/components/ui/kbd';
import { ConnectionStatus } from '../connection/connection-status';
import { InboxBadge } from '../inbox/inbox-badge';
import { palette } from '../palette/palette-store';
import { ProjectSwitcher } from '../projects/project-switcher';
import { links } from './links';

function NavLink({ href, label, exact }: { href: string; label: string; exact?: boolean }) {
  const pathname = usePathname();
  const active = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`rounded-md px-2 py-1 ${active ? 'bg-raised font-medium text-fg shadow-sm ring-1 ring-border' : 'text-muted hover:text-fg'}`}
    >
      {label}
    </Link>
  );
}

/** Ctrl on most systems, ⌘ on Apple's. */
function modKey(): string {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';
}

/** Header of every page: home, project switcher, the project's sections, the palette, connection state, sign-out. */
export function AppHeader() {
  const { projectId } = useParams<{ projectId?: string }>();
  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-border bg-panel px-3">
      <Link href={links.projects()} className="flex items-center gap-2 font-semibold" aria-label="Maestro: all projects">
        <img src="/icon.svg" alt="" width={20} height={20} />
        <span aria-hidden>Maestro</span>
      </Link>
      <ProjectSwitcher currentId={projectId} />
      {projectId && (
        <nav aria-label="Project" className="flex items-center gap-1">
          <NavLink href={links.overview(projectId)} label="Overview" />
          <NavLink href={links.board(projectId)} label="Board" exact />
          <NavLink href={links.sessions(projectId)} label="Sessions" />
        </nav>
      )}
      <div className="ml-auto flex items-center gap-2">
        <InboxBadge />
        <button
          type="button"
          data-testid="palette-open"
          onClick={palette.open}
          aria-keyshortcuts="Control+K Meta+K"
          className="flex h-7 items-center gap-2 rounded-md border border-border bg-bg px-2 text-muted hover:text-fg"
        >
          <span>Search or jump…</span>
          <Kbd>{modKey()} K</Kbd>
        </button>
        <ConnectionStatus />
        <form method="post" action="/auth/signout">
          <button type="submit" className="h-7 rounded-md px-2 text-muted hover:bg-raised hover:text-fg">
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
