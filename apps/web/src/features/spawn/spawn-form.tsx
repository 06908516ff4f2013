'use client';
import { isAgent, isOneOf, type Agent } from '@maestro/schemas';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { Kbd } from '@/components/ui/kbd';
import { errorInfo, describeError, type ErrorInfo } from '@/lib/errors';
import { useWrite } from '../offline/use-write';
import { RunnerWarning } from './runner-warning';
import { TaskPicker } from './task-picker';

const AGENTS: { value: Agent; label: string }[] = [
  { value: 'claude', label: 'Claude Code' },
  { value: 'codex', label: 'Codex' },
  { value: 'gemini', label: 'Gemini CLI' },
  { value: 'custom', label: 'Custom command' },
];

interface Problems {
  tasks?: string;
  command?: string;
}

/** The spawn request itself; on success the new session opens. */
export function SpawnForm({ projectId, initialTaskIds, onDone }: { projectId: string; initialTaskIds: string[]; onDone: () => void }) {
  const write = useWrite();
  const router = useRouter();
  const ids = useId();
  const [taskIds, setTaskIds] = useState(initialTaskIds);
  const [role, setRole] = useState<'worker' | 'orchestrator'>('worker');
  const [agent, setAgent] = useState<Agent>('claude');
  const [command, setCommand] = useState('');
  const [worktree, setWorktree] = useState(false);
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<{ info: ErrorInfo | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    const found: Problems = {};
    if (taskIds.length === 0) found.tasks = 'Choose at least one task for the session to work on.';
    if (agent === 'custom' && !command.trim()) found.command = 'Give the command to run (it runs through your shell).';
    setProblems(found);
    if (found.tasks || found.command) return;
    setBusy(true);
    setFailure(null);
    try {
      const input = {
        projectId,
        taskIds,
        role,
        agent,
        worktree,
        ...(agent === 'custom' ? { command: command.trim() } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
      };
      const r = await write('session.spawn', input, `Spawn ${name.trim() || agent}`);
      onDone();
      if (r.queued) toast.info('Spawn queued: it is sent when the connection returns');
      else router.push(`/p/${projectId}/sessions/${r.result.id}`);
    } catch (error) {
      setFailure({ info: errorInfo(error), text: describeError(error) });
    } finally {
      setBusy(false);
    }
  };

  // Ctrl/Cmd-Enter sends from any field.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} className="space-y-3" noValidate aria-label="Spawn a session">
      <TaskPicker projectId={projectId} value={taskIds} onChange={setTaskIds} invalid={!!problems.tasks} describedBy={`${ids}-tasks`} />
      {problems.tasks && (
        <p id={`${ids}-tasks`} role="alert" className="text-[13px] text-danger">
          {problems.tasks}
        </p>
      )}
      <div className="grid grid-cols-2 gap-3">
        <Field label="Role">
          <Select value={role} onChange={(e) => isOneOf(['worker', 'orchestrator'], e.target.value) && setRole(e.target.value)}>
            <option value="worker">Worker</option>
            <option value="orchestrator">Orchestrator</option>
          </Select>
        </Field>
        <Field label="Agent">
          <Select value={agent} onChange={(e) => isAgent(e.target.value) && setAgent(e.target.value)}>
            {AGENTS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {agent === 'custom' && (
        <Field label="Command" error={problems.command} errorId={`${ids}-command`}>
          <Input
            value={command}
            onChange={(e) => setCommand(e.target.value)}
            placeholder="e.g. bash, or ./scripts/agent.sh"
            className="font-mono"
            aria-invalid={!!problems.command}
            aria-describedby={problems.command ? `${ids}-command` : undefined}
            autoFocus
          />
        </Field>
      )}
      <Field label="Name (optional)">
        <Input value={name} onChange={(e) => setName(e.target.value)} placeholder="From the first task when empty" />
      </Field>
      <label className="flex items-center gap-2 text-[13px]">
        <input type="checkbox" checked={worktree} onChange={(e) => setWorktree(e.target.checked)} />
        Run in a new git worktree <span className="text-muted">(its own branch, maestro/…)</span>
      </label>
      <RunnerWarning />
      {failure && (
        <div role="alert" data-testid="spawn-error" className="rounded-md border border-danger/50 bg-danger/10 px-3 py-2 text-[13px]">
          <p className="font-medium text-danger">{failure.info?.message ?? failure.text}</p>
          {failure.info?.hint && <p className="text-fg">{failure.info.hint}</p>}
        </div>
      )}
      <div className="flex items-center justify-end gap-2 pt-1">
        <span className="mr-auto text-[12px] text-muted">
          <Kbd>Ctrl</Kbd>/<Kbd>⌘</Kbd> + <Kbd>Enter</Kbd> to spawn
        </span>
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Spawning…' : 'Spawn'}
        </Button>
      </div>
    </form>
  );
}
