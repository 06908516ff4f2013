import type { DependencyEdge, MaestroEvent } from '@maestro/schemas';
import type { QueryClient } from '@tanstack/react-query';

/**
 * A project's dependency graph as the board needs it: edges keyed
 * `taskId→dependsOnId`, and the event position the snapshot reflects.
 */
export interface EdgeIndex {
  byKey: ReadonlyMap<string, DependencyEdge>;
  asOfEventId: string;
}

export const edgesKey = (projectId: string) => ['live', 'edges', projectId] as const;

const keyOf = (e: DependencyEdge) => `${e.taskId}→${e.dependsOnId}`;

export function edgeIndex(edges: readonly DependencyEdge[], asOfEventId: string): EdgeIndex {
  return { byKey: new Map(edges.map((e) => [keyOf(e), e])), asOfEventId };
}

const EDGE_TYPES = new Set(['task:dependency_added', 'task:dependency_removed', 'task:deleted']);

/**
 * Applies a batch of events to the edges. Events the snapshot already reflects
 * (id ≤ asOfEventId) are skipped, so a late one cannot undo a newer state. A
 * deleted task takes its edges with it (the database cascades; no event says so).
 */
export function applyEdgeEvents(index: EdgeIndex, events: readonly MaestroEvent[]): EdgeIndex {
  const after = BigInt(index.asOfEventId);
  let byKey: Map<string, DependencyEdge> | null = null;
  const draft = () => (byKey ??= new Map(index.byKey));
  for (const event of events) {
    if (!EDGE_TYPES.has(event.type) || BigInt(event.id) <= after) continue;
    if (event.type === 'task:dependency_added') draft().set(keyOf(event.payload), { taskId: event.payload.taskId, dependsOnId: event.payload.dependsOnId });
    else if (event.type === 'task:dependency_removed') draft().delete(keyOf(event.payload));
    else if (event.type === 'task:deleted') {
      const gone = new Set([event.payload.taskId, ...event.payload.deletedIds]);
      for (const [key, edge] of draft()) if (gone.has(edge.taskId) || gone.has(edge.dependsOnId)) draft().delete(key);
    }
  }
  return byKey ? { ...index, byKey } : index;
}

/**
 * Called by the project's live feed for every batch. Edges not loaded yet (the
 * board is not open, or its snapshot is still on the way): an edge event makes
 * the snapshot be read again, so one that raced the first read is not lost.
 */
export function applyEdgeBatch(queryClient: QueryClient, projectId: string, batch: readonly MaestroEvent[]): void {
  if (!batch.some((e) => EDGE_TYPES.has(e.type))) return;
  const key = edgesKey(projectId);
  const current = queryClient.getQueryData<EdgeIndex>(key);
  if (current) queryClient.setQueryData<EdgeIndex>(key, applyEdgeEvents(current, batch));
  else if (queryClient.getQueryState(key)) void queryClient.invalidateQueries({ queryKey: key });
}
