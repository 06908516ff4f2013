'use client';
import { isDoneStatus, type Task } from '@maestro/schemas';
import { useMemo, useState } from 'react';
import { Input } from '@/components/ui/field';
import { TASK_STATUS_LABEL, TASK_STATUS_TONE } from '@/lib/status';
import { useProjectTasks } from '../live/use-project-live';

const SHOWN = 200;

/** Multi-select of the project's tasks: chosen ones first, then open ones matching the filter (finished tasks only when searched for). */
export function TaskPicker({
  projectId,
  value,
  onChange,
  invalid,
  describedBy,
}: {
  projectId: string;
  value: string[];
  onChange: (ids: string[]) => void;
  invalid: boolean;
  describedBy?: string;
}) {
  const byId = useProjectTasks(projectId).data?.byId;
  const [filter, setFilter] = useState('');
  const options = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const all: Task[] = [...(byId?.values() ?? [])];
    const chosen = value.map((id) => byId?.get(id)).filter((t): t is Task => t !== undefined);
    const rest = all
      .filter((t) => !value.includes(t.id) && (q ? t.title.toLowerCase().includes(q) || t.id === q : !isDoneStatus(t.status)))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return [...chosen, ...rest].slice(0, SHOWN);
  }, [byId, value, filter]);
  const toggle = (id: string) => onChange(value.includes(id) ? value.filter((x) => x !== id) : [...value, id]);
  return (
    <fieldset className="space-y-1" aria-describedby={describedBy}>
      <legend className="mb-1 text-[13px] font-medium">
        Tasks <span className="font-normal text-muted">{value.length > 0 ? `${value.length} chosen` : ''}</span>
      </legend>
      <Input
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        placeholder="Filter tasks"
        aria-label="Filter tasks"
        aria-invalid={invalid}
      />
      <ul className="max-h-44 overflow-y-auto rounded-md border border-border" data-testid="spawn-task-list">
        {options.length === 0 && <li className="px-2.5 py-2 text-muted">{filter ? 'No task matches.' : 'No open task: create one on the board first.'}</li>}
        {options.map((t) => (
          <li key={t.id}>
            <label className="flex cursor-pointer items-center gap-2 px-2.5 py-1.5 hover:bg-raised" data-testid="spawn-task-option">
              <input type="checkbox" checked={value.includes(t.id)} onChange={() => toggle(t.id)} />
              <span aria-hidden className={`size-2 shrink-0 rounded-full ${TASK_STATUS_TONE[t.status]}`} />
              <span className="min-w-0 flex-1 truncate">
                {t.parentId && <span className="text-muted">↳ </span>}
                {t.title}
              </span>
              <span className="text-[12px] text-muted">{TASK_STATUS_LABEL[t.status]}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
