'use client';
import { useRouter } from 'next/navigation';
import { useProjects } from './use-projects';

/** Jump between projects from any page; the board of the chosen one opens. */
export function ProjectSwitcher({ currentId }: { currentId?: string | undefined }) {
  const router = useRouter();
  const { data } = useProjects();
  const projects = data?.items ?? [];
  if (projects.length === 0) return null;
  return (
    <label className="flex items-center gap-1">
      <span className="sr-only">Project</span>
      <select
        data-testid="project-switcher"
        value={currentId ?? ''}
        onChange={(e) => e.target.value && router.push(`/p/${e.target.value}`)}
        className="max-w-56 rounded-md border border-border bg-bg px-2 py-1"
      >
        {!currentId && <option value="">Choose a project…</option>}
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
