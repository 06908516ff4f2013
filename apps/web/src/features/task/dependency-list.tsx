'use client';
import type { Task, TaskRef } from '@maestro/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { X } from 'lucide-react';
import Link from 'next/link';
import { useId, useMemo, useState } from 'react';
import { describeError, errorInfo } from '@/lib/errors';
import { TASK_STATUS_LABEL, TASK_STATUS_TONE } from '@/lib/status';
import { useTRPC } from '@/trpc/react';
import { useWrite } from '../offline/use-write';
import { DependencyPicker } from './dependency-picker';

type Refusal = { message: string; hint?: string | undefined; cycle?: string[] };

function DepRow({ dep, href, onRemove, removing, testId }: { dep: TaskRef; href: string; onRemove?: () => void; removing?: boolean; testId: string }) {
  return (
    <li data-testid={testId} data-task-id={dep.id} data-status={dep.status} className="group flex h-7 items-center gap-2 rounded-md px-1 hover:bg-panel">
      <span aria-hidden className={`size-2 shrink-0 rounded-full ${TASK_STATUS_TONE[dep.status]}`} />
      <Link href={href} className={`min-w-0 flex-1 truncate text-[13px] hover:underline ${dep.status === 'completed' ? 'text-muted line-through' : ''}`}>
        {dep.title}
      </Link>
      <span className="shrink-0 text-[11px] text-muted">{TASK_STATUS_LABEL[dep.status]}</span>
      {onRemove && (
        <button
          type="button"
          onClick={onRemove}
          disabled={removing}
          aria-label={`Remove dependency on “${dep.title}”`}
          className="flex size-6 shrink-0 items-center justify-center rounded text-muted opacity-0 group-hover:opacity-100 hover:bg-raised hover:text-danger focus-visible:opacity-100"
        >
          <X size={13} aria-hidden />
        </button>
      )}
    </li>
  );
}

/**
 * What this task waits for (blocked-by, with each one's live status) and what
 * waits for it. Adding goes through a search over the project's tasks; a refusal
 * (a cycle, with its whole path) shows under the field and changes nothing.
 */
export function DependencyList({
  task,
  dependencies,
  dependents,
  byId,
  hrefFor,
}: {
  task: Task;
  dependencies: readonly TaskRef[];
  dependents: readonly TaskRef[];
  byId: ReadonlyMap<string, Task>;
  hrefFor: (taskId: string) => string;
}) {
  const write = useWrite();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  // The live store has each task's current status and title; the detail query only says which ones.
  const live = (ref: TaskRef): TaskRef => byId.get(ref.id) ?? ref;
  const deps = dependencies.map(live);
  const candidates = useMemo(() => {
    const taken = new Set([task.id, ...dependencies.map((d) => d.id)]);
    return [...byId.values()].filter((t) => !taken.has(t.id)).sort((a, b) => a.title.localeCompare(b.title));
  }, [byId, task.id, dependencies]);
  const refresh = () => queryClient.invalidateQueries(trpc.task.get.queryFilter({ id: task.id }));

  const add = async (dep: Task): Promise<boolean> => {
    setBusy(true);
    setRefusal(null);
    try {
      await write('task.dependency.add', { id: task.id, dependsOnId: dep.id }, 'Add dependency');
      await refresh();
      return true;
    } catch (e) {
      const info = errorInfo(e);
      const path = (info?.details as { path?: unknown } | undefined)?.path;
      setRefusal({
        message: info?.code === 'CYCLE' ? `“${dep.title}” already depends on this task, so that would make a cycle:` : describeError(e),
        hint: info?.hint,
        ...(info?.code === 'CYCLE' && Array.isArray(path) ? { cycle: path.map(String) } : {}),
      });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const remove = async (depId: string) => {
    setBusy(true);
    setRefusal(null);
    try {
      await write('task.dependency.remove', { id: task.id, dependsOnId: depId }, 'Remove dependency');
      await refresh();
    } catch (e) {
      setRefusal({ message: describeError(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="deps-heading" className="space-y-1">
      <div className="flex h-6 items-center justify-between">
        <h3 id="deps-heading" className="text-[12px] font-semibold tracking-wide text-muted uppercase">
          Blocked by
        </h3>
        {deps.length > 0 && (
          <span className="text-[12px] text-muted">
            {deps.filter((d) => d.status === 'completed').length}/{deps.length} done
          </span>
        )}
      </div>
      {deps.length > 0 && (
        <ul data-testid="dependency-list" className="-mx-1">
          {deps.map((d) => (
            <DepRow key={d.id} testId="dependency" dep={d} href={hrefFor(d.id)} removing={busy} onRemove={() => void remove(d.id)} />
          ))}
        </ul>
      )}
      <DependencyPicker candidates={candidates} disabled={busy} onPick={add} describedBy={refusal ? errorId : undefined} />
      {refusal && (
        <div id={errorId} role="alert" data-testid="dependency-error" className="space-y-1 text-[12px] text-danger">
          <p>{refusal.message}</p>
          {refusal.cycle && (
            <p data-testid="cycle-path" className="flex flex-wrap items-center gap-1 text-fg">
              {refusal.cycle.map((id, i) => (
                <span key={`${id}-${i}`} className="flex items-center gap-1">
                  {i > 0 && (
                    <span aria-hidden className="text-muted">
                      →
                    </span>
                  )}
                  <span className="rounded border border-border bg-panel px-1.5 py-px">{byId.get(id)?.title ?? id}</span>
                </span>
              ))}
            </p>
          )}
          {refusal.hint && <p className="text-muted">{refusal.hint}</p>}
        </div>
      )}
      {dependents.length > 0 && (
        <div className="pt-2">
          <h4 className="text-[12px] font-semibold tracking-wide text-muted uppercase">Blocks</h4>
          <ul className="-mx-1">
            {dependents.map(live).map((d) => (
              <DepRow key={d.id} testId="dependent" dep={d} href={hrefFor(d.id)} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
