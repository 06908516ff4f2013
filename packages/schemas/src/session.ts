import { z } from 'zod';
import { attention, attentionState } from './attention.js';
import { LIMITS, REQUEST_LIMITS, int32, mutationMeta, pageInput, pageOf, text, timestamp, wellFormedText } from './common.js';
import { AGENTS, ROLES, SESSION_STATUSES } from './enums.js';
import { projectId, sessionId, taskId } from './ids.js';
import { project } from './project.js';
import { asOfEventId } from './snapshot.js';
import { taskDetail } from './task.js';

export const sessionStatus = z.enum(SESSION_STATUSES);
export const role = z.enum(ROLES);
export const agent = z.enum(AGENTS);
export const runnerId = z.string().regex(/^run_[0-9a-z]{10}$/, 'must be a runner id like run_0123456789');

const skillName = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and dashes');
const terminalSize = { cols: z.number().int().min(10).max(1000).default(120), rows: z.number().int().min(5).max(500).default(32) };

export const session = z.object({
  id: sessionId,
  projectId,
  name: z.string(),
  role,
  skill: z.string().nullable(),
  agent: agent,
  command: z.string().nullable(),
  worktree: z.boolean(),
  workingDir: z.string().nullable(),
  branch: z.string().nullable(),
  status: sessionStatus,
  runnerId: z.string().nullable(),
  pid: z.number().int().nullable(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  error: z.string().nullable(),
  parentSessionId: sessionId.nullable(),
  spawnedBy: z.string(),
  taskIds: z.array(taskId),
  cols: z.number().int(),
  rows: z.number().int(),
  /** The viewer whose resizes set the terminal's size; null when none holds it (any resize takes it). */
  sizeController: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  startedAt: timestamp.nullable(),
  endedAt: timestamp.nullable(),
  stopRequestedAt: timestamp.nullable(),
  /** What it needs from a person (null: nothing, e.g. an ended session someone has seen). */
  attention: attention.nullable(),
  /** When a person last opened it (dashboard, `session logs`, `attach`). */
  seenAt: timestamp.nullable(),
});
export type Session = z.infer<typeof session>;

export const sessionSpawnInput = z.object({
  /** Taken from the first task when omitted. */
  projectId: projectId.optional(),
  taskIds: z.array(taskId).min(1, 'give at least one task').max(20),
  name: text().trim().min(1).max(LIMITS.name).optional(),
  role: role.default('worker'),
  /** Skill to load besides the CLI skill; defaults from the role (maestro-worker / maestro-orchestrator). */
  skill: skillName.optional(),
  agent: agent.default('claude'),
  /** The command line for `agent: custom`, run through the user's shell. */
  command: text().trim().min(1).max(LIMITS.path).optional(),
  /** Run in a new git worktree on branch `maestro/<task-slug>-<short-id>`. */
  worktree: z.boolean().default(false),
  ...terminalSize,
  ...mutationMeta,
});

export const sessionListInput = z.object({
  projectId: projectId.optional(),
  taskId: taskId.optional(),
  status: z.array(sessionStatus).min(1).optional(),
  /** Only spawning or active sessions. */
  active: z.boolean().optional(),
  /** `user` or the session id that spawned them. */
  spawnedBy: text().max(LIMITS.name).optional(),
  /** Only sessions in these attention states. */
  attention: z.array(attentionState).min(1).optional(),
  ...pageInput,
});
/** Newest first, paged like task.list. */
export const sessionListOutput = pageOf(session).extend({ asOfEventId });

export const sessionIdInput = z.object({ id: sessionId });
export const sessionStopInput = z.object({ id: sessionId, ...mutationMeta });
export const sessionInputInput = z.object({
  id: sessionId,
  data: wellFormedText()
    .min(1)
    .max(64 * 1024),
  /** A retry with the same key after a lost answer types nothing again. */
  ...mutationMeta,
});
/** A terminal viewer (a browser tab) as it names itself, so two viewers of one session can tell whose size wins. */
export const viewerId = z.string().regex(/^[\w.:-]{1,64}$/, '1-64 letters, digits and . _ : -');
export const sessionResizeInput = z.object({
  id: sessionId,
  cols: terminalSize.cols,
  rows: terminalSize.rows,
  /**
   * Who resizes. A viewer that does not hold size control is refused
   * (NOT_CONTROLLER) unless it takes control or nobody holds it. Without a
   * viewerId (the CLI's attach) the resize always applies and leaves no
   * viewer in control.
   */
  viewerId: viewerId.optional(),
  /** Take size control from whichever viewer holds it (needs viewerId). */
  takeControl: z.boolean().optional(),
});

/** At most 64 KiB of terminal output, base64-encoded. */
export const outputChunk = z.object({ seq: z.number().int().nonnegative(), data: z.base64().max(87_384) });
export type OutputChunk = z.infer<typeof outputChunk>;
export const sessionOutputInput = z
  .object({
    id: sessionId,
    /** Chunks after this sequence number (exclusive); omitted means from the start. */
    afterSeq: z.number().int().min(-1).optional(),
    /**
     * Chunks before this sequence number (exclusive), newest first: the page is
     * the newest `limit` of them (within `maxBytes`), returned in ascending
     * order. Scroll back by passing the first seq of the page you have.
     */
    beforeSeq: z.number().int().min(0).optional(),
    /** The newest chunks, as `beforeSeq` past the end would give: load a terminal's tail first. */
    tail: z.boolean().optional(),
    limit: z.number().int().min(1).max(10_000).default(1_000),
    /**
     * Stop adding chunks once the page holds this many (decoded) bytes; a page
     * holds at least one chunk (at most 64 KiB). Never more than
     * REQUEST_LIMITS.outputPageBytes, the default: a short page is not the end,
     * `lastSeq` says what is stored.
     */
    maxBytes: z.number().int().min(1).max(REQUEST_LIMITS.outputPageBytes).default(REQUEST_LIMITS.outputPageBytes),
  })
  .refine((input) => !(input.tail && input.beforeSeq !== undefined), { message: 'give tail or beforeSeq, not both', path: ['tail'] });
export const sessionOutputOutput = z.object({
  chunks: z.array(outputChunk),
  ended: z.boolean(),
  /** The first and last stored chunk (null while there is none), read after the chunks: `lastSeq` is never behind them. */
  firstSeq: z.number().int().nullable(),
  lastSeq: z.number().int().nullable(),
  /** Bytes stored so far (decoded). */
  totalBytes: z.number().int(),
});
export const onOutputInput = z.object({
  id: sessionId,
  afterSeq: z.number().int().min(-1).optional(),
  /** Resume point sent by the WebSocket link on reconnect: the last chunk's seq. */
  lastEventId: text().max(32).nullish(),
});

/** Runner side. */
export const runnerRegisterInput = z.object({
  name: text().trim().min(1).max(LIMITS.name),
  hostname: text().max(255),
  pid: int32().min(0),
  /** A runner restarting with its previous id keeps it. */
  runnerId: runnerId.optional(),
});
export const runnerRegisterOutput = z.object({ runnerId, leaseMs: z.number().int() });
export const runnerHeartbeatInput = z.object({ runnerId, sessionIds: z.array(sessionId).max(1000) });
export const runnerHeartbeatOutput = z.object({
  /** Sessions whose stop was requested: end them. */
  stop: z.array(sessionId),
  /** Sessions this runner reported that the server no longer counts as its own (ended elsewhere, deleted). */
  unknown: z.array(sessionId),
  /**
   * Spawn requests the server says this runner claimed but that it did not
   * report (the claim's answer was lost): claim them again and start them.
   * Left unadopted for a lease they fail.
   */
  adopt: z.array(sessionId),
});
export const runnerClaimInput = z.object({ runnerId, sessionId });
export const runnerStartedInput = z.object({
  runnerId,
  sessionId,
  pid: int32().min(0),
  workingDir: text().max(LIMITS.path),
  branch: text().max(255).nullable(),
});
export const runnerOutputInput = z.object({
  runnerId,
  sessionId,
  chunks: z
    .array(outputChunk)
    .min(1)
    .max(16)
    .refine((chunks) => chunks.every((c, i) => i === 0 || c.seq === chunks[i - 1]!.seq + 1), 'chunk seqs must be consecutive and ascending'),
});
export const runnerExitInput = z.object({
  runnerId,
  sessionId,
  exitCode: int32().nullable(),
  signal: text().max(32).nullable(),
  /** Set when the process never started or the runner gave up on it. */
  error: text().max(LIMITS.reason).nullable(),
});
export const runnerCommand = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('input'), sessionId, data: z.string() }),
  z.object({ kind: z.literal('resize'), sessionId, cols: z.number().int(), rows: z.number().int() }),
  z.object({ kind: z.literal('stop'), sessionId }),
]);
export type RunnerCommand = z.infer<typeof runnerCommand>;
export const runnerOnCommandInput = z.object({ runnerId });
export const runnerOnSpawnInput = z.object({ runnerId, lastEventId: text().max(32).nullish() });

/** What a runner gets when its claim wins: everything needed to start the agent. The token is shown only here. */
export const runnerClaimOutput = z.object({
  session,
  /** Session-scoped token for MAESTRO_TOKEN: valid for this session's project while it runs. */
  token: z.string(),
  project,
  tasks: z.array(taskDetail),
});
export type RunnerClaimOutput = z.infer<typeof runnerClaimOutput>;
