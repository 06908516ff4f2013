'use client';
import Link from 'next/link';
import { useProjects } from './use-projects';

/** All projects. (Placeholder list: counts and create come with the projects screen.) */
export function ProjectsPage() {
  const { data, isPending } = useProjects();
  if (isPending) return <p className="p-6 text-muted">Loading projects…</p>;
  const projects = data?.items ?? [];
  return (
    <div className="mx-auto max-w-4xl space-y-4 overflow-auto p-6">
      <h1 className="text-xl font-semibold">Projects</h1>
      {projects.length === 0 && <p className="text-muted">No projects yet.</p>}
      <ul className="divide-y divide-border rounded-lg border border-border">
        {projects.map((p) => (
          <li key={p.id} className="p-3">
            <Link href={`/p/${p.id}`} className="font-medium hover:underline">
              {p.name}
            </Link>
            <div className="font-mono text-[12px] text-muted">{p.workingDir}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}
