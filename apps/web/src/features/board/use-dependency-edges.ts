'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPCClient } from '@/trpc/react';
import { edgeIndex, edgesKey } from './edges';

/** The project's dependency edges, kept current by the project stream (see edges.ts). */
export function useDependencyEdges(projectId: string) {
  const client = useTRPCClient();
  return useQuery({
    queryKey: edgesKey(projectId),
    queryFn: async () => {
      const { edges, asOfEventId } = await client.task.dependencies.query({ projectId });
      return edgeIndex(edges, asOfEventId);
    },
  });
}
