'use client';
import type { Session, Task } from '@maestro/schemas';
import { Command } from 'cmdk';
import { useParams, useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { toast } from 'sonner';
import { Dialog } from '@/components/ui/dialog';
import { Kbd } from '@/components/ui/kbd';
import { describeError } from '@/lib/errors';
import { useQuery } from '@tanstack/react-query';
import { useTRPCClient } from '@/trpc/react';
import { liveKeys } from '../live/keys';
import { loadSessions, loadTasks } from '../live/load';
import { useWrite } from '../offline/use-write';
import { useProjects } from '../projects/use-projects';
import { links } from '../shell/links';
import { palette, usePaletteOpen } from './palette-store';
import { useRegisteredSpawn } from './spawn-bridge';
import { useEntries, type Entry } from './use-entries';
import { usePaletteHotkey } from './use-palette-hotkey';

const GROUP_ORDER: Entry['group'][] = ['Tasks', 'Sessions', 'Projects', 'Actions', 'Go to'];

function newestFirst<T extends { updatedAt: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

/** The project's live tasks and sessions (already loaded by the project's live feed), newest first; nothing outside a project. */
function useProjectItems(projectId: string | undefined): { tasks: Task[]; sessions: Session[] } {
  const client = useTRPCClient();
  // The same queries as the project's live feed, so inside a project they are cache hits kept live by it.
  const { data: taskIndex } = useQuery({ queryKey: liveKeys.tasks(projectId ?? ''), queryFn: () => loadTasks(client, projectId ?? ''), enabled: !!projectId });
  const { data: sessionIndex } = useQuery({
    queryKey: liveKeys.sessions(projectId ?? ''),
    queryFn: () => loadSessions(client, projectId ?? ''),
    enabled: !!projectId,
  });
  return {
    tasks: useMemo(() => (taskIndex ? newestFirst(taskIndex.byId.values()) : []), [taskIndex]),
    sessions: useMemo(() => (sessionIndex ? newestFirst(sessionIndex.byId.values()) : []), [sessionIndex]),
  };
}

function Body({ projectId, onDone }: { projectId: string | undefined; onDone: () => void }) {
  const router = useRouter();
  const write = useWrite();
  const spawn = useRegisteredSpawn();
  const projects = useProjects().data?.items ?? [];
  const { tasks, sessions } = useProjectItems(projectId);
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<'search' | 'create'>('search');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const searchEntries = useEntries({ query: mode === 'create' ? '' : query, projectId, tasks, sessions, projects, canSpawn: spawn !== null });
  const entries = useMemo<Entry[]>(() => {
    if (mode === 'search') return searchEntries;
    const title = query.trim();
    return title ? [{ value: 'action:create-task', group: 'Actions', label: `Create task “${title}”`, run: { kind: 'create-task', title } }] : [];
  }, [mode, query, searchEntries]);
  const [selected, setSelected] = useState('');
  const input = useRef<HTMLInputElement>(null);

  // The native <dialog> focuses itself when it opens (it runs after this mounts): move focus to the input then.
  useEffect(() => {
    const frame = requestAnimationFrame(() => input.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [mode]);

  // A new query selects its first row (Enter does the most likely thing). Rows that change under the
  // person's eyes (live tasks) keep their choice, unless the chosen row went away.
  useEffect(() => setSelected(entries[0]?.value ?? ''), [query, mode]);
  useEffect(() => {
    if (!entries.some((e) => e.value === selected)) setSelected(entries[0]?.value ?? '');
  }, [entries, selected]);

  const createTask = async (title: string) => {
    if (!projectId || busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await write('task.create', { projectId, title }, `Create task “${title}”`);
      onDone();
      if (r.queued) toast.info('Task saved offline', { description: `“${title}” will be created when the connection is back.` });
      else {
        const created = r.result;
        toast.success('Task created', { description: title, action: { label: 'Open', onClick: () => router.push(links.task(projectId, created.id)) } });
      }
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const run = (entry: Entry) => {
    const r = entry.run;
    if (r.kind === 'go') {
      onDone();
      router.push(r.href);
    } else if (r.kind === 'create-mode') {
      setMode('create');
      setQuery('');
    } else if (r.kind === 'create-task') void createTask(r.title);
    else {
      onDone();
      spawn?.();
    }
  };

  const groups = GROUP_ORDER.map((g) => ({ group: g, rows: entries.filter((e) => e.group === g) })).filter((g) => g.rows.length > 0);
  // Groups in the order the rows came (with a query, tasks first; without, actions first).
  groups.sort((a, b) => entries.indexOf(a.rows[0]!) - entries.indexOf(b.rows[0]!));

  return (
    <Command label="Command palette" shouldFilter={false} loop value={selected} onValueChange={setSelected} data-testid="palette" className="flex flex-col">
      <Command.Input
        ref={input}
        value={query}
        onValueChange={(v) => {
          setQuery(v);
          setError(null);
        }}
        aria-label={mode === 'create' ? 'Title of the new task' : 'Search tasks, sessions, projects and actions'}
        placeholder={
          mode === 'create'
            ? 'Title of the new task, then Enter'
            : projectId
              ? 'Jump to a task, session or project; create a task; spawn…'
              : 'Jump to a project…'
        }
        className="w-full border-b border-border bg-transparent px-3 py-2.5 text-[15px] outline-none placeholder:text-muted"
        data-testid="palette-input"
      />
      {error && (
        <p role="alert" data-testid="palette-error" className="border-b border-border px-3 py-2 text-[13px] text-danger">
          {error}
        </p>
      )}
      <Command.List className="max-h-[min(60vh,420px)] overflow-auto p-1.5" aria-busy={busy}>
        <Command.Empty className="px-3 py-6 text-center text-muted">{mode === 'create' ? 'Type the title of the new task.' : 'Nothing matches.'}</Command.Empty>
        {groups.map(({ group, rows }) => (
          <Command.Group
            key={group}
            heading={group}
            className="mb-1 [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1 [&_[cmdk-group-heading]]:text-[11px] [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-muted [&_[cmdk-group-heading]]:uppercase"
          >
            {rows.map((entry) => (
              <Command.Item
                key={entry.value}
                value={entry.value}
                onSelect={() => run(entry)}
                data-testid="palette-item"
                data-entry={entry.value}
                className="flex h-8 cursor-pointer items-center gap-2 rounded-md px-2 data-[selected=true]:bg-raised data-[selected=true]:text-fg data-[selected=true]:ring-1 data-[selected=true]:ring-border"
              >
                {entry.tone && <span aria-hidden className={`size-2 shrink-0 rounded-full ${entry.tone}`} />}
                <span className="truncate">{entry.label}</span>
                {entry.detail && <span className="ml-auto shrink-0 truncate pl-2 text-[12px] text-muted">{entry.detail}</span>}
              </Command.Item>
            ))}
          </Command.Group>
        ))}
      </Command.List>
      <div className="flex gap-3 border-t border-border px-3 py-1.5 text-[12px] text-muted">
        <span>
          <Kbd>↑</Kbd> <Kbd>↓</Kbd> choose
        </span>
        <span>
          <Kbd>Enter</Kbd> open
        </span>
        <span>
          <Kbd>Esc</Kbd> close
        </span>
      </div>
    </Command>
  );
}

/** Ctrl/Cmd-K: jump to a task, session or project, create a task in this project, spawn. Mounted once in the shell. */
export function CommandPalette() {
  const open = usePaletteOpen();
  const params = useParams<{ projectId?: string }>();
  const toggle = useCallback(() => palette.toggle(), []);
  usePaletteHotkey(toggle);
  return (
    <Dialog open={open} onClose={palette.close} title="Command palette" className="mt-[12vh] mb-auto max-w-xl [&>div]:space-y-0 [&>div]:p-0 [&>div>h2]:sr-only">
      {open && <Body projectId={params.projectId} onDone={palette.close} />}
    </Dialog>
  );
}
