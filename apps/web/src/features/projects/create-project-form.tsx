'use client';
import type { Project } from '@maestro/schemas';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { describeError, errorInfo } from '@/lib/errors';
import { useWrite } from '../offline/use-write';

interface FormErrors {
  name?: string;
  workingDir?: string;
  form?: string;
  hint?: string;
}

/** Maps the server's refusal onto the fields it names; the rest (and the hint) shows under the form. */
function errorsOf(error: unknown): FormErrors {
  const info = errorInfo(error);
  if (!info) return { form: describeError(error) };
  const out: FormErrors = { hint: info.hint };
  const issues = (info.details?.issues as { path?: unknown[]; message?: string }[] | undefined) ?? [];
  for (const issue of issues) {
    const field = issue.path?.[0];
    if (field === 'name' || field === 'workingDir') out[field] ??= issue.message ?? info.message;
  }
  if (info.code === 'ALREADY_EXISTS') out.name = info.message;
  if (!out.name && !out.workingDir) out.form = info.message;
  return out;
}

/** Create a project: the server checks the name and folder; what it refuses is shown where it belongs. */
export function CreateProjectForm({ onCreated }: { onCreated: (project: Project) => void }) {
  const write = useWrite();
  const [name, setName] = useState('');
  const [workingDir, setWorkingDir] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    try {
      const outcome = await write('project.create', { name, workingDir }, `Create project “${name.trim()}”`);
      setErrors({});
      setName('');
      setWorkingDir('');
      if (outcome.queued) toast.info('Offline: the project is queued', { description: 'It is created when the connection returns.' });
      else onCreated(outcome.result);
    } catch (error) {
      setErrors(errorsOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="grid gap-3 rounded-lg border border-border bg-panel p-4 sm:grid-cols-[1fr_2fr_auto] sm:items-start"
      aria-label="Create a project"
      data-testid="create-project"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label="Name" error={errors.name} errorId="project-name-error">
        <Input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="my-app"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? 'project-name-error' : undefined}
          data-testid="project-name"
        />
      </Field>
      <Field label="Working directory" error={errors.workingDir} errorId="project-dir-error">
        <Input
          value={workingDir}
          onChange={(e) => setWorkingDir(e.target.value)}
          placeholder="/home/me/src/my-app"
          className="font-mono text-[13px]"
          aria-invalid={errors.workingDir ? true : undefined}
          aria-describedby={errors.workingDir ? 'project-dir-error' : undefined}
          data-testid="project-dir"
        />
      </Field>
      <Button type="submit" variant="primary" disabled={busy} className="sm:mt-6">
        Create project
      </Button>
      {(errors.form || errors.hint) && (
        <div role="alert" className="text-[13px] sm:col-span-3" data-testid="create-project-error">
          {errors.form && <p className="text-danger">{errors.form}</p>}
          {errors.hint && <p className="text-muted">{errors.hint}</p>}
        </div>
      )}
    </form>
  );
}
