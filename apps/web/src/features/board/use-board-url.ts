'use client';
import { isOneOf, TASK_PRIORITIES, TASK_STATUSES, type TaskPriority, type TaskStatus } from '@maestro/schemas';
import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { BoardFilters } from './model';

function listParam<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  if (!value) return [];
  return value.split(',').filter((v) => isOneOf(allowed, v));
}

export function filtersFromParams(params: URLSearchParams): BoardFilters {
  return {
    q: params.get('q') ?? '',
    status: listParam<TaskStatus>(params.get('status'), TASK_STATUSES),
    priority: listParam<TaskPriority>(params.get('priority'), TASK_PRIORITIES),
    assignee: params.get('assignee') ?? '',
  };
}

/**
 * The board's state that belongs in the address bar: filters (`?q=&status=&priority=&assignee=`)
 * and the open task (`?task=`). Written with the History API, which Next keeps in
 * step with useSearchParams: no navigation, no server round trip. Opening a task
 * pushes an entry (Back closes it); filter edits replace the current one.
 */
export function useBoardUrl() {
  const params = useSearchParams();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(params.toString())), [params]);
  const openTaskId = params.get('task');

  const write = useCallback((patch: Record<string, string | null>, mode: 'push' | 'replace') => {
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(patch)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    const query = next.toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ''}`;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  const setFilters = useCallback(
    (patch: Partial<BoardFilters>) => {
      const values: Record<string, string | null> = {};
      for (const [key, value] of Object.entries(patch)) values[key] = Array.isArray(value) ? value.join(',') : (value ?? null);
      write(values, 'replace');
    },
    [write],
  );
  const openTask = useCallback((id: string | null) => write({ task: id }, id ? 'push' : 'replace'), [write]);

  return { filters, openTaskId, setFilters, openTask };
}
