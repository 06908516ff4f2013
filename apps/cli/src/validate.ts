import { hasTaskChange } from '@maestro/schemas/task-changes';
import type { z } from 'zod';
import { CliError } from './errors.js';

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** How an issue reads on the command line: `--status: "done" is not one of: todo, in_progress, …`. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown, labels: Record<string, string>): string {
  const field = String(issue.path[0] ?? 'input');
  const label = labels[field] ?? `--${kebab(field)}`;
  const got = valueAt(input, issue.path);
  if (issue.code === 'invalid_value' && issue.values.length > 0) {
    return `${label}: ${JSON.stringify(got)} is not one of: ${issue.values.map(String).join(', ')}`;
  }
  if (issue.code === 'invalid_type' && got === undefined) return `${label}: required`;
  const shown = typeof got === 'string' || typeof got === 'number' ? ` (got ${JSON.stringify(got)})` : '';
  return `${label}: ${issue.message}${shown}`;
}

/**
 * Checks command input against the shared zod schema before any request, so
 * a typo fails fast (exit 1) with the allowed values instead of a round trip.
 * `labels` names fields the way the user typed them (`id` → `<id>`).
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, labels: Record<string, string> = {}): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const lines = issues.slice(0, 5).map((issue) => describeIssue(issue, input, labels));
  const allowed = issues.find((i) => i.code === 'invalid_value');
  throw new CliError('VALIDATION', `Invalid input: ${lines.join('; ')}`, {
    hint:
      allowed && allowed.code === 'invalid_value'
        ? `Allowed values: ${allowed.values.map(String).join(', ')}.`
        : 'See `--help` for what each argument accepts.',
    details: { issues: issues.map((i) => ({ path: i.path.map(String), code: i.code, message: i.message })) },
  });
}

/** Refuses a task or subtask update that names nothing to change, before any request. */
export function requireTaskChange(input: Parameters<typeof hasTaskChange>[0]): void {
  if (!hasTaskChange(input)) {
    throw new CliError('VALIDATION', 'Nothing to update', { hint: 'Give at least one of --title, --desc, --priority, --status, --worktree, --no-worktree.' });
  }
}

/** `a,b , c` → ['a', 'b', 'c']; undefined or empty → undefined. */
export function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** A whole number from a flag, or the raw string so validation can report it. */
export function toInt(value: string | undefined): number | string | undefined {
  if (value === undefined || value === '') return undefined;
  return /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
}
