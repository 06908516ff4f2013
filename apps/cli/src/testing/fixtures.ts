import { session as sessionSchema, type Session } from '@maestro/schemas/session';
import { task as taskSchema, type Task } from '@maestro/schemas/task';

/** The time every fixture carries; tests that print ages or times count from it. */
export const FIXTURE_AT = '2026-12-03T10:00:00.000Z';

/** A task as the server returns it, parsed by the published schema so the fixture cannot drift from it. */
export const taskFixture = (fields: Partial<Task> = {}): Task =>
  taskSchema.parse({
    id: 'tsk_0000000001',
    projectId: 'prj_0000000001',
    parentId: null,
    title: 'write the parser',
    description: '',
    status: 'todo',
    priority: 'medium',
    position: 0,
    blockedReason: null,
    assignee: null,
    worktree: false,
    version: 1,
    createdAt: FIXTURE_AT,
    updatedAt: FIXTURE_AT,
    startedAt: null,
    completedAt: null,
    ...fields,
  });

/** A running session as the server returns it, parsed by the published schema. */
export const sessionFixture = (fields: Partial<Session> = {}): Session =>
  sessionSchema.parse({
    id: 'ses_0000000001',
    projectId: 'prj_0000000001',
    name: 'worker-1',
    role: 'worker',
    skill: null,
    agent: 'claude',
    command: null,
    worktree: false,
    workingDir: null,
    branch: null,
    status: 'active',
    runnerId: null,
    pid: null,
    exitCode: null,
    signal: null,
    error: null,
    parentSessionId: null,
    spawnedBy: 'user',
    taskIds: ['tsk_0000000001'],
    cols: 120,
    rows: 32,
    sizeController: null,
    createdAt: FIXTURE_AT,
    updatedAt: FIXTURE_AT,
    startedAt: FIXTURE_AT,
    endedAt: null,
    stopRequestedAt: null,
    attention: null,
    seenAt: null,
    ...fields,
  });
