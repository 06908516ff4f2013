import { findSession, findTask, type Queryable } from '@maestro/db';
import type { Auth } from './context.js';
import { MaestroError } from './errors.js';

const TASK_KEYS = ['taskId', 'subtaskId', 'dependsOnId', 'rootId'] as const;

async function projectOfId(db: Queryable, id: string): Promise<string | null> {
  if (id.startsWith('prj_')) return id;
  if (id.startsWith('tsk_')) return (await findTask(db, id))?.projectId ?? null;
  if (id.startsWith('ses_')) return (await findSession(db, id))?.projectId ?? null;
  return null;
}

/** Every project an input names, directly or through a task or session id. */
export async function projectsOfInput(db: Queryable, input: unknown): Promise<Set<string>> {
  const found = new Set<string>();
  if (!input || typeof input !== 'object') return found;
  const record = input as Record<string, unknown>;
  const ids: string[] = [];
  for (const key of ['projectId', 'id', 'sessionId', ...TASK_KEYS]) {
    if (typeof record[key] === 'string') ids.push(record[key]);
  }
  if (Array.isArray(record.taskIds)) ids.push(...record.taskIds.filter((v): v is string => typeof v === 'string'));
  for (const id of ids) {
    const project = await projectOfId(db, id.trim());
    if (project) found.add(project);
  }
  return found;
}

/**
 * A session token (a spawned agent) reaches only its own project. Calls that
 * name no project at all must name one, except the few that filter themselves.
 */
export async function assertInScope(db: Queryable, auth: Auth, path: string, input: unknown): Promise<void> {
  if (auth.kind !== 'session') return;
  const projects = await projectsOfInput(db, input);
  const outside = [...projects].filter((p) => p !== auth.projectId);
  if (outside.length > 0) {
    throw new MaestroError('FORBIDDEN', `This session's token is limited to project ${auth.projectId}`, {
      hint: 'A spawned agent works only on its own project.',
    });
  }
  if (path === 'project.create') {
    throw new MaestroError('FORBIDDEN', 'A session cannot create projects: its token works only inside its own project', {
      hint: `Ask the person running Maestro to create it (maestro project create, with the server token); meanwhile work in ${auth.projectId}.`,
    });
  }
  if (projects.size === 0 && !SELF_FILTERING.has(path)) {
    throw new MaestroError('FORBIDDEN', `Say which project (${auth.projectId}): a session token cannot read across projects`, {
      hint: 'Pass projectId (the CLI does it from MAESTRO_PROJECT_ID).',
    });
  }
}

/** Procedures that, for a session, narrow themselves to its project. */
export const SELF_FILTERING: ReadonlySet<string> = new Set(['project.list', 'events.head', 'runner.list', 'inbox.list']);

/** The one project a caller is held to: a session token's own; undefined for every other caller. */
export function ownProject(auth: Auth): string | undefined {
  return auth.kind === 'session' ? auth.projectId : undefined;
}

/** The project a self-filtering read narrows to: a session token's own whatever it asked, else what was asked. */
export function visibleProject(auth: Auth, requested: string | undefined): string | undefined {
  return ownProject(auth) ?? requested;
}
