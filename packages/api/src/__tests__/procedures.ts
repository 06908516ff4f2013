import type { ErrorCode } from '@maestro/schemas';
import type { Harness } from '../testing/harness.js';

/** Ids that exist in the bad-input file's database: a project, a task with one subtask, and an unrelated task. */
export interface Fixture {
  projectId: string;
  taskId: string;
  subtaskId: string;
  otherTaskId: string;
  /** A spawn request claimed by `runnerId` (not started). */
  sessionId: string;
  runnerId: string;
}

type Input = Record<string, unknown>;
/** `field` names the input field at fault, which a validation message must mention. */
export type BadCase = { label: string; input: (f: Fixture) => unknown; code: ErrorCode; field?: string };

export interface ProcedureSpec {
  path: string;
  /** An input that passes validation (used to prove auth is checked). */
  valid: (f: Fixture) => Input | undefined;
  bad: BadCase[];
}

type Caller = Harness['caller'];
type Call = (input: unknown) => Promise<unknown>;

/** Calls a procedure by its dotted path, e.g. `task.dependency.add`. */
export function invoke(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as Call;
  return fn(input);
}

const UNKNOWN = { project: 'prj_0000000000', task: 'tsk_0000000000', session: 'ses_0000000000', runner: 'run_0000000000' } as const;
const long = (n: number) => 'x'.repeat(n);

const MALFORMED_IDS: [string, unknown][] = [
  ['a number', 123],
  ['null', null],
  ['empty', ''],
  ['too short', 'tsk_123'],
  ['upper case', 'tsk_ABCDEFGHIJ'],
  ['too long', 'tsk_0123456789a'],
  ['no prefix', '0123456789'],
  ['SQL', "tsk_0' or 1=1"],
];

interface SpecOptions {
  ids?: Record<string, 'project' | 'task' | 'session' | 'runner'>;
  /** Id fields where null is meaningful (task.list `parentId: null` = top level). */
  nullable?: string[];
  required?: string[];
  /** Field → [label, value] pairs refused by validation. */
  fields?: Record<string, [string, unknown][]>;
  /** Inputs with a well-formed but unknown id, or another domain refusal: [label, patch, code]. */
  refused?: [string, (f: Fixture) => Input, ErrorCode][];
  mutation?: boolean;
}

function spec(path: string, valid: (f: Fixture) => Input, o: SpecOptions = {}): ProcedureSpec {
  const bad: BadCase[] = [
    { label: 'input missing', input: () => undefined, code: 'VALIDATION' },
    { label: 'input a string', input: () => 'junk', code: 'VALIDATION' },
    { label: 'input an array', input: () => [], code: 'VALIDATION' },
  ];
  const patch = (label: string, p: (f: Fixture) => Input, code: ErrorCode = 'VALIDATION', field?: string) =>
    bad.push({ label, input: (f) => ({ ...valid(f), ...p(f) }), code, ...(field ? { field } : {}) });
  for (const field of o.required ?? []) {
    const input = (f: Fixture) => Object.fromEntries(Object.entries(valid(f)).filter(([k]) => k !== field));
    bad.push({ label: `${field} missing`, input, code: 'VALIDATION', field });
  }
  for (const [field, kind] of Object.entries(o.ids ?? {})) {
    for (const [label, value] of MALFORMED_IDS) {
      if (value === null && o.nullable?.includes(field)) continue;
      patch(`${field} ${label}`, () => ({ [field]: value }), 'VALIDATION', field);
    }
    const wrongKind = (f: Fixture) => ({ project: f.taskId, task: f.projectId, session: f.taskId, runner: f.sessionId })[kind];
    patch(`${field} of the wrong kind`, (f) => ({ [field]: wrongKind(f) }), 'VALIDATION', field);
  }
  for (const [field, values] of Object.entries(o.fields ?? {})) {
    for (const [label, value] of values) patch(`${field} ${label}`, () => ({ [field]: value }), 'VALIDATION', field);
  }
  if (o.mutation) {
    for (const [label, value] of [
      ['too short', 'short'],
      ['with spaces', 'has spaces 123'],
      ['too long', long(129)],
      ['a number', 12345678],
    ] as const) {
      patch(`idempotencyKey ${label}`, () => ({ idempotencyKey: value }), 'VALIDATION', 'idempotencyKey');
    }
  }
  for (const [label, p, code] of o.refused ?? []) patch(label, p, code);
  return { path, valid, bad };
}

const NUL = 'a\u0000b';
const titleBad: [string, unknown][] = [
  ['a number', 42],
  ['empty', ''],
  ['blank', '   '],
  ['201 chars', long(201)],
  ['with NUL', NUL],
];
const descriptionBad: [string, unknown][] = [
  ['a number', 7],
  ['20001 chars', long(20_001)],
  ['with NUL', NUL],
];
const priorityBad: [string, unknown][] = [
  ['unknown', 'critical'],
  ['a number', 3],
];
const statusBad: [string, unknown][] = [
  ['unknown', 'done'],
  ['upper case', 'TODO'],
];
const versionBad: [string, unknown][] = [
  ['negative', -1],
  ['fractional', 1.5],
  ['a string', '1'],
];
const booleanBad: [string, unknown][] = [
  ['a string', 'yes'],
  ['a number', 1],
];
const claimantBad: [string, unknown][] = [
  ['empty', ''],
  ['101 chars', long(101)],
  ['a number', 5],
  ['with NUL', NUL],
];
const typesBad: [string, unknown][] = [
  ['unknown type', ['task:exploded']],
  ['not an array', 'task:created'],
  ['too many', Array(100).fill('task:created')],
];
const limitBad: [string, unknown][] = [
  ['zero', 0],
  ['501', 501],
  ['fractional', 1.5],
  ['a string', '10'],
];

const unknownTask = (field: string): [string, (f: Fixture) => Input, ErrorCode] => [`${field} unknown`, () => ({ [field]: UNKNOWN.task }), 'NOT_FOUND'];
const unknownProject = (field: string): [string, (f: Fixture) => Input, ErrorCode] => [`${field} unknown`, () => ({ [field]: UNKNOWN.project }), 'NOT_FOUND'];
const notAChild: [string, (f: Fixture) => Input, ErrorCode] = ['subtaskId not a child of taskId', (f) => ({ subtaskId: f.otherTaskId }), 'NOT_FOUND'];
const taskRef = (o: SpecOptions = {}): SpecOptions => ({ ids: { id: 'task' }, required: ['id'], refused: [unknownTask('id')], mutation: true, ...o });
const subtaskRef = (o: SpecOptions = {}): SpecOptions => ({
  ids: { taskId: 'task', subtaskId: 'task' },
  required: ['taskId', 'subtaskId'],
  refused: [unknownTask('taskId'), unknownTask('subtaskId'), notAChild],
  mutation: true,
  ...o,
});

/** Every procedure of the router with input, and the inputs each must refuse. */
export const PROCEDURES: ProcedureSpec[] = [
  spec('project.create', () => ({ name: 'valid-name', workingDir: '/tmp/valid' }), {
    required: ['name', 'workingDir'],
    fields: {
      name: [
        ['a number', 5],
        ['empty', ''],
        ['blank', '  '],
        ['101 chars', long(101)],
        ['with NUL', NUL],
      ],
      workingDir: [
        ['relative', 'rel/path'],
        ['4097 chars', `/${long(4096)}`],
        ['a number', 1],
      ],
      description: descriptionBad,
    },
    mutation: true,
  }),
  spec('project.get', (f) => ({ id: f.projectId }), { ids: { id: 'project' }, required: ['id'], refused: [unknownProject('id')] }),
  spec('project.update', (f) => ({ id: f.projectId, description: 'd' }), {
    ids: { id: 'project' },
    required: ['id'],
    fields: {
      name: [
        ['empty', ''],
        ['101 chars', long(101)],
      ],
      workingDir: [['relative', 'x']],
      description: descriptionBad,
    },
    refused: [unknownProject('id')],
    mutation: true,
  }),
  spec('project.delete', (f) => ({ id: f.projectId }), {
    ids: { id: 'project' },
    required: ['id'],
    fields: { cascade: booleanBad },
    refused: [unknownProject('id'), ['project with tasks', () => ({}), 'HAS_CHILDREN']],
    mutation: true,
  }),
  spec('task.create', (f) => ({ projectId: f.projectId, title: 't' }), {
    ids: { projectId: 'project', parentId: 'task' },
    required: ['projectId', 'title'],
    fields: {
      title: titleBad,
      description: descriptionBad,
      priority: priorityBad,
      worktree: booleanBad,
      dependsOn: [
        ['a string', UNKNOWN.task],
        ['with a malformed id', ['nope']],
        ['101 ids', Array(101).fill(UNKNOWN.task)],
      ],
    },
    refused: [unknownProject('projectId'), unknownTask('parentId'), ['dependsOn unknown', () => ({ dependsOn: [UNKNOWN.task] }), 'NOT_FOUND']],
    mutation: true,
  }),
  spec('task.get', (f) => ({ id: f.taskId }), { ids: { id: 'task' }, required: ['id'], refused: [unknownTask('id')] }),
  spec('task.list', (f) => ({ projectId: f.projectId }), {
    ids: { projectId: 'project', parentId: 'task' },
    nullable: ['parentId'],
    required: ['projectId'],
    fields: {
      status: [
        ['empty', []],
        ['unknown', ['done']],
        ['not an array', 'todo'],
      ],
      priority: [
        ['empty', []],
        ['unknown', ['critical']],
      ],
      assignee: claimantBad,
      text: [
        ['empty', ''],
        ['blank', '  '],
        ['201 chars', long(201)],
        ['a number', 1],
        ['with NUL', NUL],
      ],
      ready: [['a string', 'yes']],
      limit: limitBad,
      cursor: [
        ['65 chars', long(65)],
        ['not a number', 'abc'],
        ['negative', '-1'],
        ['fractional', '1.5'],
        ['a number', 10],
      ],
    },
    refused: [unknownProject('projectId')],
  }),
  spec('task.dependencies', (f) => ({ projectId: f.projectId }), {
    ids: { projectId: 'project' },
    required: ['projectId'],
    refused: [unknownProject('projectId')],
  }),
  spec('task.tree', (f) => ({ projectId: f.projectId }), {
    ids: { projectId: 'project', rootId: 'task', cursor: 'task' },
    required: ['projectId'],
    fields: { limit: limitBad },
    refused: [unknownProject('projectId'), unknownTask('rootId')],
  }),
  spec('task.update', (f) => ({ id: f.taskId, title: 'renamed' }), {
    ids: { id: 'task' },
    required: ['id'],
    fields: { title: titleBad, description: descriptionBad, priority: priorityBad, status: statusBad, worktree: booleanBad, expectedVersion: versionBad },
    refused: [
      unknownTask('id'),
      ['no field to change', (f) => ({ id: f.taskId, title: undefined }), 'VALIDATION'],
      ['status blocked without a reason', () => ({ status: 'blocked' }), 'VALIDATION'],
      ['stale expectedVersion', () => ({ expectedVersion: 999 }), 'VERSION_CONFLICT'],
    ],
    mutation: true,
  }),
  spec('task.start', (f) => ({ id: f.taskId }), taskRef()),
  spec('task.complete', (f) => ({ id: f.taskId }), taskRef({ refused: [unknownTask('id'), ['open subtask', () => ({}), 'CHILDREN_INCOMPLETE']] })),
  spec('task.unblock', (f) => ({ id: f.taskId }), taskRef({ refused: [unknownTask('id'), ['not blocked', () => ({}), 'INVALID_TRANSITION']] })),
  spec(
    'task.block',
    (f) => ({ id: f.taskId, reason: 'r' }),
    taskRef({
      required: ['id', 'reason'],
      fields: {
        reason: [
          ['empty', ''],
          ['blank', '   '],
          ['2001 chars', long(2001)],
          ['a number', 5],
          ['with NUL', NUL],
        ],
      },
    }),
  ),
  spec(
    'task.comment',
    (f) => ({ id: f.taskId, body: 'b' }),
    taskRef({
      required: ['id', 'body'],
      fields: {
        body: [
          ['empty', ''],
          ['10001 chars', long(10_001)],
          ['null', null],
        ],
      },
    }),
  ),
  spec(
    'task.delete',
    (f) => ({ id: f.taskId }),
    taskRef({
      fields: { cascade: booleanBad },
      refused: [unknownTask('id'), ['task with subtasks', () => ({}), 'HAS_CHILDREN']],
    }),
  ),
  spec('task.claim', (f) => ({ projectId: f.projectId, claimant: 'c' }), {
    ids: { projectId: 'project', id: 'task' },
    required: ['projectId', 'claimant'],
    fields: { claimant: claimantBad },
    refused: [unknownProject('projectId'), unknownTask('id')],
    mutation: true,
  }),
  ...['add', 'remove'].map((verb) =>
    spec(`task.dependency.${verb}`, (f) => ({ id: f.taskId, dependsOnId: f.otherTaskId }), {
      ids: { id: 'task', dependsOnId: 'task' },
      required: ['id', 'dependsOnId'],
      refused: [unknownTask('id'), unknownTask('dependsOnId')],
      mutation: true,
    }),
  ),
  spec('subtask.create', (f) => ({ taskId: f.taskId, title: 's' }), {
    ids: { taskId: 'task' },
    required: ['taskId', 'title'],
    fields: { title: titleBad, description: descriptionBad, priority: priorityBad, worktree: booleanBad },
    refused: [unknownTask('taskId')],
    mutation: true,
  }),
  spec('subtask.list', (f) => ({ taskId: f.taskId }), { ids: { taskId: 'task' }, required: ['taskId'], refused: [unknownTask('taskId')] }),
  spec(
    'subtask.update',
    (f) => ({ taskId: f.taskId, subtaskId: f.subtaskId, title: 'u' }),
    subtaskRef({
      fields: { title: titleBad, description: descriptionBad, priority: priorityBad, status: statusBad, worktree: booleanBad, expectedVersion: versionBad },
      refused: [unknownTask('taskId'), unknownTask('subtaskId'), notAChild, ['no field to change', () => ({ title: undefined }), 'VALIDATION']],
    }),
  ),
  spec(
    'subtask.move',
    (f) => ({ taskId: f.taskId, subtaskId: f.subtaskId, position: 0 }),
    subtaskRef({
      required: ['taskId', 'subtaskId', 'position'],
      fields: {
        position: [
          ['negative', -1],
          ['fractional', 0.5],
          ['a string', '0'],
          ['huge', 10_001],
        ],
      },
      refused: [unknownTask('taskId'), unknownTask('subtaskId'), notAChild, ['position past the last subtask', () => ({ position: 1 }), 'VALIDATION']],
    }),
  ),
  spec('subtask.complete', (f) => ({ taskId: f.taskId, subtaskId: f.subtaskId }), subtaskRef()),
  spec('subtask.delete', (f) => ({ taskId: f.taskId, subtaskId: f.subtaskId }), subtaskRef()),
  spec('events.list', () => ({}), {
    ids: { projectId: 'project', taskId: 'task' },
    fields: {
      types: typesBad,
      afterId: [
        ['negative', -1],
        ['fractional', 1.5],
        ['a string', '5'],
        ['unsafe', 2 ** 60],
      ],
      limit: limitBad,
    },
  }),
  spec('events.head', () => ({}), { ids: { projectId: 'project' } }),
  spec('events.onEvent', () => ({}), {
    ids: { projectId: 'project', taskId: 'task' },
    fields: {
      types: typesBad,
      lastEventId: [
        ['not a number', 'abc'],
        ['negative', '-1'],
        ['101 chars', long(101)],
        ['a number', 5],
      ],
    },
  }),
  spec('status.get', (f) => ({ projectId: f.projectId }), { ids: { projectId: 'project' }, required: ['projectId'], refused: [unknownProject('projectId')] }),
  ...SESSION_PROCEDURES(),
];

/** Procedures that take no input at all. */
export const NO_INPUT = ['project.list', 'runner.list', 'token.list'];

/** The router namespaces this table answers for: all of them. */
export const COVERED_NAMESPACES = ['project', 'task', 'subtask', 'events', 'status', 'session', 'runner', 'inbox', 'token'];

function SESSION_PROCEDURES(): ProcedureSpec[] {
  const unknownSession = (field: string): [string, (f: Fixture) => Input, ErrorCode] => [`${field} unknown`, () => ({ [field]: UNKNOWN.session }), 'NOT_FOUND'];
  const otherRunner: [string, (f: Fixture) => Input, ErrorCode] = ['another runner', () => ({ runnerId: UNKNOWN.runner }), 'FORBIDDEN'];
  const runnerSession: SpecOptions = { ids: { runnerId: 'runner', sessionId: 'session' }, required: ['runnerId', 'sessionId'] };
  const sizes: [string, unknown][] = [
    ['too small', 1],
    ['too large', 10_000],
    ['a string', '80'],
    ['fractional', 80.5],
  ];
  return [
    spec('session.spawn', (f) => ({ taskIds: [f.otherTaskId], agent: 'custom', command: 'true' }), {
      ids: { projectId: 'project' },
      required: ['taskIds'],
      fields: {
        taskIds: [
          ['empty', []],
          ['a string', UNKNOWN.task],
          ['with a malformed id', ['nope']],
          ['21 ids', Array(21).fill(UNKNOWN.task)],
        ],
        agent: [
          ['unknown', 'vim'],
          ['a number', 1],
        ],
        role: [['unknown', 'boss']],
        skill: [
          ['with spaces', 'my skill'],
          ['upper case', 'Worker'],
        ],
        command: [
          ['empty', ''],
          ['4097 chars', long(4097)],
        ],
        name: [
          ['empty', ''],
          ['101 chars', long(101)],
        ],
        worktree: booleanBad,
        cols: sizes,
        rows: sizes,
      },
      refused: [
        ['taskIds unknown', () => ({ taskIds: [UNKNOWN.task] }), 'NOT_FOUND'],
        ['custom agent without a command', () => ({ command: undefined }), 'VALIDATION'],
        ['a command for a named agent', () => ({ agent: 'claude' }), 'VALIDATION'],
        ['projectId unknown', () => ({ projectId: UNKNOWN.project }), 'VALIDATION'],
      ],
      mutation: true,
    }),
    spec('session.list', (f) => ({ projectId: f.projectId }), {
      ids: { projectId: 'project', taskId: 'task' },
      fields: {
        status: [
          ['empty', []],
          ['unknown', ['running']],
        ],
        attention: [
          ['empty', []],
          ['unknown', ['waiting']],
          ['not an array', 'needs_input'],
        ],
        active: [['a string', 'yes']],
        limit: limitBad,
        spawnedBy: [['101 chars', long(101)]],
        cursor: [
          ['65 chars', long(65)],
          ['not a number', 'abc'],
          ['negative', '-1'],
          ['a number', 10],
        ],
      },
    }),
    spec('session.get', (f) => ({ id: f.sessionId }), { ids: { id: 'session' }, required: ['id'], refused: [unknownSession('id')] }),
    spec('session.stop', (f) => ({ id: f.sessionId }), { ids: { id: 'session' }, required: ['id'], refused: [unknownSession('id')], mutation: true }),
    spec('session.sendInput', (f) => ({ id: f.sessionId, data: 'x' }), {
      ids: { id: 'session' },
      required: ['id', 'data'],
      fields: {
        data: [
          ['empty', ''],
          ['64 KiB + 1', long(64 * 1024 + 1)],
          ['a number', 1],
        ],
      },
      refused: [unknownSession('id'), ['a session not running', () => ({}), 'INVALID_TRANSITION']],
      mutation: true,
    }),
    spec('session.resize', (f) => ({ id: f.sessionId, cols: 80, rows: 24 }), {
      ids: { id: 'session' },
      required: ['id'],
      fields: {
        cols: sizes,
        rows: sizes,
        viewerId: [
          ['empty', ''],
          ['65 chars', long(65)],
          ['with spaces', 'tab one'],
          ['a number', 1],
        ],
        takeControl: booleanBad,
      },
      refused: [unknownSession('id'), ['takeControl without a viewerId', () => ({ takeControl: true }), 'VALIDATION']],
    }),
    spec('session.output', (f) => ({ id: f.sessionId }), {
      ids: { id: 'session' },
      required: ['id'],
      fields: {
        afterSeq: [
          ['below -1', -2],
          ['a string', '0'],
        ],
        beforeSeq: [
          ['negative', -1],
          ['fractional', 1.5],
          ['a string', '3'],
        ],
        tail: [['a string', 'yes']],
        limit: [
          ['zero', 0],
          ['10001', 10_001],
        ],
        maxBytes: [
          ['zero', 0],
          ['over 4 MiB', 4 * 1024 * 1024 + 1],
          ['a string', '100'],
        ],
      },
      refused: [unknownSession('id'), ['tail with beforeSeq', () => ({ tail: true, beforeSeq: 3 }), 'VALIDATION']],
    }),
    spec('session.onOutput', (f) => ({ id: f.sessionId }), {
      ids: { id: 'session' },
      required: ['id'],
      fields: {
        afterSeq: [['below -1', -2]],
        lastEventId: [
          ['not a number', 'abc'],
          ['33 chars', long(33)],
        ],
      },
      refused: [unknownSession('id')],
    }),
    spec('session.attention', (f) => ({ id: f.sessionId, state: 'needs_input', message: 'Which database?' }), {
      ids: { id: 'session' },
      required: ['id', 'state'],
      fields: {
        state: [
          ['unknown', 'waiting'],
          ['unseen (the server sets it)', 'unseen'],
          ['a number', 1],
        ],
        source: [
          ['unknown', 'guess'],
          ['system (the server sets it)', 'system'],
        ],
        message: [
          ['empty', ''],
          ['blank', '   '],
          ['2001 chars', long(2001)],
          ['with NUL', NUL],
          ['a number', 3],
        ],
        ageMs: [
          ['negative', -1],
          ['over a day', 86_400_001],
          ['fractional', 1.5],
          ['a string', '10'],
        ],
      },
      refused: [unknownSession('id')],
      mutation: true,
    }),
    spec('session.markSeen', (f) => ({ id: f.sessionId }), { ids: { id: 'session' }, required: ['id'], refused: [unknownSession('id')], mutation: true }),
    spec('inbox.list', () => ({}), { ids: { projectId: 'project' }, fields: { limit: limitBad } }),
    spec('token.create', () => ({ name: 'fixture-token', role: 'readonly' }), {
      required: ['name', 'role'],
      fields: {
        name: [
          ['empty', ''],
          ['101 chars', long(101)],
          ['with spaces', 'a b'],
          ['a number', 5],
          ['with NUL', NUL],
        ],
        role: [
          ['unknown', 'owner'],
          ['a number', 1],
        ],
      },
    }),
    spec('token.revoke', () => ({ token: 'tok_0000000000' }), {
      required: ['token'],
      fields: {
        token: [
          ['empty', ''],
          ['101 chars', long(101)],
          ['a number', 3],
        ],
      },
    }),
    spec('runner.register', () => ({ name: 'r', hostname: 'h', pid: 1 }), {
      ids: { runnerId: 'runner' },
      required: ['name', 'hostname', 'pid'],
      fields: {
        name: [
          ['empty', ''],
          ['101 chars', long(101)],
        ],
        hostname: [['256 chars', long(256)]],
        pid: [
          ['a string', '1'],
          ['fractional', 1.5],
        ],
      },
    }),
    spec('runner.heartbeat', (f) => ({ runnerId: f.runnerId, sessionIds: [] }), {
      ids: { runnerId: 'runner' },
      required: ['runnerId', 'sessionIds'],
      fields: {
        sessionIds: [
          ['a string', UNKNOWN.session],
          ['with a malformed id', ['nope']],
        ],
      },
      refused: [['runnerId unknown', () => ({ runnerId: UNKNOWN.runner }), 'NOT_FOUND']],
    }),
    spec('runner.onSpawnRequest', (f) => ({ runnerId: f.runnerId }), { ids: { runnerId: 'runner' }, required: ['runnerId'] }),
    spec('runner.onCommand', (f) => ({ runnerId: f.runnerId }), { ids: { runnerId: 'runner' }, required: ['runnerId'] }),
    spec('runner.claim', (f) => ({ runnerId: f.runnerId, sessionId: f.sessionId }), {
      ...runnerSession,
      refused: [unknownSession('sessionId'), ['a request another runner claimed', () => ({ runnerId: UNKNOWN.runner }), 'ALREADY_CLAIMED']],
    }),
    spec('runner.started', (f) => ({ runnerId: f.runnerId, sessionId: f.sessionId, pid: 1, workingDir: '/tmp', branch: null }), {
      ...runnerSession,
      fields: { pid: [['a string', '1']], workingDir: [['a number', 1]] },
      refused: [unknownSession('sessionId'), otherRunner],
    }),
    spec('runner.output', (f) => ({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: [{ seq: 0, data: 'aGk=' }] }), {
      ...runnerSession,
      fields: {
        chunks: [
          ['empty', []],
          ['not base64', [{ seq: 0, data: '%%%' }]],
          ['a negative seq', [{ seq: -1, data: 'aGk=' }]],
          ['17 chunks', Array(17).fill({ seq: 0, data: 'aGk=' })],
          [
            'seqs not consecutive',
            [
              { seq: 0, data: 'aGk=' },
              { seq: 2, data: 'aGk=' },
            ],
          ],
          [
            'seqs descending',
            [
              { seq: 1, data: 'aGk=' },
              { seq: 0, data: 'aGk=' },
            ],
          ],
          ['a chunk over 64 KiB', [{ seq: 0, data: 'A'.repeat(87_388) }]],
        ],
      },
      refused: [unknownSession('sessionId'), otherRunner],
    }),
    spec('runner.exit', (f) => ({ runnerId: f.runnerId, sessionId: f.sessionId, exitCode: 0, signal: null, error: null }), {
      ...runnerSession,
      fields: { exitCode: [['a string', '0']], signal: [['33 chars', long(33)]], error: [['2001 chars', long(2001)]] },
      refused: [unknownSession('sessionId'), otherRunner],
    }),
  ];
}
