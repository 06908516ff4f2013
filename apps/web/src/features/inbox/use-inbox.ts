'use client';
import type { InboxItem } from '@maestro/schemas';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';

/** What needs a person, across projects, most urgent first (the same list as `maestro inbox`); kept current by the inbox feed. */
export function useInbox() {
  const trpc = useTRPC();
  return useQuery(trpc.inbox.list.queryOptions({}));
}

/** A stable key per item, to tell which items are new. */
export const itemKey = (i: InboxItem) => `${i.kind}:${i.sessionId ?? i.taskId ?? ''}`;
