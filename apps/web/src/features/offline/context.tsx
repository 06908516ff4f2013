'use client';
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { OfflineQueue } from './queue';

export const OfflineQueueContext = createContext<OfflineQueue | null>(null);

export function useOfflineQueue(): OfflineQueue {
  const queue = useContext(OfflineQueueContext);
  if (!queue) throw new Error('useOfflineQueue needs <Providers>');
  return queue;
}

/** Pending and refused offline writes, re-rendering when they change. */
export function useOfflineState() {
  const queue = useOfflineQueue();
  return useSyncExternalStore(queue.subscribe, queue.snapshot, queue.snapshot);
}
