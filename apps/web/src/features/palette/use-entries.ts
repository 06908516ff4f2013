'use client';
import { isLiveSessionStatus, type Project, type Session, type Task } from '@maestro/schemas';
import { useMemo } from 'react';
import { SESSION_STATUS_TONE, TASK_STATUS_LABEL, TASK_STATUS_TONE } from '@/lib/status';
import { links } from '../shell/links';
import { firstMatches, matches } from './match';

/** One row of the palette. Selection by `value`; `run` does the thing. */
export interface Entry {
  value: string;
  group: 'Tasks' | 'Sessions' | 'Projects' | 'Actions' | 'Go to';
  label: string;
  detail?: string | undefined;
  /** A status dot's tone class, when the row is a task or session. */
  tone?: string | undefined;
  run: { kind: 'go'; href: string } | { kind: 'create-task'; title: string } | { kind: 'create-mode' } | { kind: 'spawn' };
}

interface Sources {
  query: string;
  projectId: string | undefined;
  tasks: readonly Task[];
  sessions: readonly Session[];
  projects: readonly Project[];
  canSpawn: boolean;
}

/**
 * What the palette lists for a query: matching tasks, sessions and projects
 * (a few of each, newest first: a 5,000-task project never renders 5,000 rows),
 * then actions. With no query: actions first, then recent tasks and live sessions.
 */
export function useEntries({ query, projectId, tasks, sessions, projects, canSpawn }: Sources): Entry[] {
  return useMemo(() => {
    const q = query.trim();
    const limit = q ? 20 : 6;
    const taskRows: Entry[] = projectId
      ? firstMatches(tasks, limit, (t) => matches(q, t.title, t.id)).map((t) => ({
          value: `task:${t.id}`,
          group: 'Tasks',
          label: t.title,
          detail: `${TASK_STATUS_LABEL[t.status]}${t.parentId ? ' · subtask' : ''}`,
          tone: TASK_STATUS_TONE[t.status],
          run: { kind: 'go', href: links.task(projectId, t.parentId ?? t.id) },
        }))
      : [];
    const sessionPool = q ? sessions : sessions.filter((s) => isLiveSessionStatus(s.status));
    const sessionRows: Entry[] = projectId
      ? firstMatches(sessionPool, q ? 10 : 5, (s) => matches(q, s.name, s.id, s.agent)).map((s) => ({
          value: `session:${s.id}`,
          group: 'Sessions',
          label: s.name,
          detail: `${s.status} · ${s.agent}`,
          tone: SESSION_STATUS_TONE[s.status],
          run: { kind: 'go', href: links.session(projectId, s.id) },
        }))
      : [];
    const projectRows: Entry[] = firstMatches(projects, q ? 10 : 6, (p) => p.id !== projectId && matches(q, p.name)).map((p) => ({
      value: `project:${p.id}`,
      group: 'Projects',
      label: p.name,
      detail: p.workingDir,
      run: { kind: 'go', href: links.board(p.id) },
    }));

    const actions: Entry[] = [];
    if (projectId) {
      // An action the query names comes before "Create task “query”" (typing "spawn" means spawn).
      if (canSpawn && q && matches(q, 'spawn session agent worker'))
        actions.push({ value: 'action:spawn', group: 'Actions', label: 'Spawn a session…', run: { kind: 'spawn' } });
      if (q) actions.push({ value: 'action:create-task', group: 'Actions', label: `Create task “${q}”`, run: { kind: 'create-task', title: q } });
      else actions.push({ value: 'action:create-mode', group: 'Actions', label: 'Create task…', run: { kind: 'create-mode' } });
      if (canSpawn && !q) actions.push({ value: 'action:spawn', group: 'Actions', label: 'Spawn a session…', run: { kind: 'spawn' } });
    }
    const nav: Entry[] = [];
    const go = (value: string, label: string, href: string) => {
      if (matches(q, label)) nav.push({ value, group: 'Go to', label, run: { kind: 'go', href } });
    };
    if (projectId) {
      go('nav:overview', 'Go to overview', links.overview(projectId));
      go('nav:board', 'Go to board', links.board(projectId));
      go('nav:sessions', 'Go to sessions', links.sessions(projectId));
    }
    go('nav:projects', 'Go to all projects', links.projects());

    // With a query, what it names comes first (Enter on a task's name opens it, never makes a twin).
    return q ? [...taskRows, ...sessionRows, ...projectRows, ...actions, ...nav] : [...actions, ...nav, ...taskRows, ...sessionRows, ...projectRows];
  }, [query, projectId, tasks, sessions, projects, canSpawn]);
}
