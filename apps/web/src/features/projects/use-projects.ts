'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';

/** Every project, oldest first; kept current by `project:*` events (see the projects live feed). */
export function useProjects() {
  const trpc = useTRPC();
  return useQuery(trpc.project.list.queryOptions());
}
