'use client';
import { useRouter } from 'next/navigation';
import { EmptyState } from '@/components/ui/empty-state';
import { describeError } from '@/lib/errors';
import { CreateProjectForm } from './create-project-form';
import { ProjectRow } from './project-row';
import { useProjects } from './use-projects';
import { useProjectsFeed } from './use-projects-feed';

/** Every project with its live counts; create one here (or with the CLI: it appears without a reload). */
export function ProjectsPage() {
  const router = useRouter();
  const { data, isPending, error } = useProjects();
  useProjectsFeed(data?.asOfEventId);
  const projects = data?.items ?? [];
  return (
    <div className="h-full overflow-auto">
      <div className="mx-auto max-w-5xl space-y-4 p-6">
        <h1 className="text-xl font-semibold">Projects</h1>
        <CreateProjectForm onCreated={(p) => router.push(`/p/${p.id}`)} />
        {error && (
          <p role="alert" className="text-danger">
            {describeError(error)}
          </p>
        )}
        {isPending && <p className="text-muted">Loading projects…</p>}
        {!isPending && !error && projects.length === 0 && (
          <div className="rounded-lg border border-dashed border-border" data-testid="projects-empty">
            <EmptyState title="No projects yet">
              Create one above with a name and the folder its agents work in, or run{' '}
              <code className="font-mono text-[12px]">maestro project create &lt;name&gt; --dir &lt;path&gt;</code>.
            </EmptyState>
          </div>
        )}
        {projects.length > 0 && (
          <ul className="divide-y divide-border rounded-lg border border-border" aria-label="Projects" data-testid="project-list">
            {projects.map((p) => (
              <ProjectRow key={p.id} project={p} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
