'use client';
import Link from 'next/link';
import { useParams, usePathname } from 'next/navigation';
import { ConnectionStatus } from '../connection/connection-status';
import { ProjectSwitcher } from '../projects/project-switcher';

function NavLink({ href, label }: { href: string; label: string }) {
  const pathname = usePathname();
  const active = pathname === href;
  return (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`rounded-md px-2 py-1 ${active ? 'bg-raised font-medium text-fg shadow-sm' : 'text-muted hover:text-fg'}`}
    >
      {label}
    </Link>
  );
}

/** Header of every page: home, project switcher, the project's sections, connection state, sign-out. */
export function AppHeader() {
  const params = useParams<{ projectId?: string }>();
  const projectId = params.projectId;
  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-border bg-panel px-3">
      <Link href="/" className="flex items-center gap-2 font-semibold" aria-label="Maestro: all projects">
        <img src="/icon.svg" alt="" width={20} height={20} />
        <span>Maestro</span>
      </Link>
      <ProjectSwitcher currentId={projectId} />
      {projectId && (
        <nav aria-label="Project" className="flex items-center gap-1">
          <NavLink href={`/p/${projectId}/overview`} label="Overview" />
          <NavLink href={`/p/${projectId}`} label="Board" />
          <NavLink href={`/p/${projectId}/sessions`} label="Sessions" />
        </nav>
      )}
      <div className="ml-auto flex items-center gap-3">
        <ConnectionStatus />
        <form method="post" action="/auth/signout">
          <button type="submit" className="rounded-md px-2 py-1 text-muted hover:text-fg">
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
