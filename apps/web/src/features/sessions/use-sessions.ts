'use client';
import type { Session } from '@maestro/schemas';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '@/trpc/react';
import { useProjectSessions } from '../live/use-project-live';

/** The project's sessions from the live store, newest first. */
export function useSessionList(projectId: string): Session[] {
  const { data } = useProjectSessions(projectId);
  return useMemo(() => [...(data?.byId.values() ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)), [data]);
}

/**
 * One session, live: from the project's store (kept current by the event
 * stream); asked for directly only when the store does not have it yet (a
 * session spawned a moment ago, or a wrong id, which then shows its error).
 */
export function useSession(projectId: string, sessionId: string) {
  const trpc = useTRPC();
  const { data } = useProjectSessions(projectId);
  const fromStore = data?.byId.get(sessionId);
  const direct = useQuery({ ...trpc.session.get.queryOptions({ id: sessionId }), enabled: !fromStore });
  const session = fromStore && (!direct.data || fromStore.updatedAt >= direct.data.updatedAt) ? fromStore : (direct.data ?? fromStore);
  return { session, error: fromStore ? null : direct.error };
}

/** Runners by id (names for the sessions list) and whether any is live; refetched when the live layer sees a change. */
export function useRunners() {
  const trpc = useTRPC();
  const query = useQuery(trpc.runner.list.queryOptions());
  const byId = useMemo(() => new Map((query.data?.items ?? []).map((r) => [r.id, r])), [query.data]);
  return { ...query, byId };
}
