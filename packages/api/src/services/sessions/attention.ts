import { attentionOf, updateSessionRow, type SessionRow } from '@maestro/db';
import { isEndedSessionStatus, type Attention, type Session, type SessionAttentionInput, type sessionMarkSeenInput } from '@maestro/schemas';
import type { MutationScope } from '../../mutate.js';
import { nextAttention, type AttentionSignal } from './attention-rule.js';
import { requireSession, sessionView } from './shared.js';
import type { z } from 'zod';

function columns(a: Attention | null) {
  return {
    attention: a?.state ?? null,
    attentionSince: a ? new Date(a.since) : null,
    attentionSource: a?.source ?? null,
    attentionMessage: a?.message ?? null,
  };
}

/** Writes a new attention on a row already locked in this scope and emits `session:attention`. */
export async function writeAttention(scope: MutationScope, before: SessionRow, next: Attention | null, extra: { seenAt?: Date } = {}): Promise<SessionRow> {
  const after = await updateSessionRow(scope.tx, { id: before.id, values: { ...columns(next), ...extra } });
  const session = await sessionView(scope.tx, after);
  scope.emit({
    type: 'session:attention',
    projectId: after.projectId,
    taskId: null,
    sessionId: after.id,
    payload: { session, previous: attentionOf(before) },
  });
  return after;
}

/**
 * A signal from the agent, its hook or the runner's heuristic. An ended
 * session keeps what it has (a hook firing as the agent exits is no news).
 */
export async function signalAttention(scope: MutationScope, id: string, signal: AttentionSignal): Promise<Session> {
  const before = await requireSession(scope.tx, id, { forUpdate: true });
  if (isEndedSessionStatus(before.status)) return sessionView(scope.tx, before);
  const next = nextAttention(attentionOf(before), signal, new Date());
  if (!next) return sessionView(scope.tx, before);
  return sessionView(scope.tx, await writeAttention(scope, before, next));
}

/** `session.attention`: the signal as its caller reports it, `ageMs` ago. */
export async function reportAttention(scope: MutationScope, input: SessionAttentionInput): Promise<Session> {
  return signalAttention(scope, input.id, {
    state: input.state,
    source: input.source,
    message: input.message,
    observedAt: input.ageMs === undefined ? undefined : new Date(Date.now() - input.ageMs),
  });
}

/** A person opened the session: stored, so every device agrees. An ended session leaves the inbox. */
export async function markSeen(scope: MutationScope, input: z.output<typeof sessionMarkSeenInput>): Promise<Session> {
  const before = await requireSession(scope.tx, input.id, { forUpdate: true });
  const current = attentionOf(before);
  const next = current?.state === 'unseen' ? null : current;
  return sessionView(scope.tx, await writeAttention(scope, before, next, { seenAt: new Date() }));
}

/** The attention a session gets as it ends: `unseen` until a person opens it. */
export function endedAttention(how: string): ReturnType<typeof columns> {
  return columns({ state: 'unseen', since: new Date().toISOString(), source: 'system', message: how });
}

/** The attention of a session whose process just started. */
export function startedAttention(): ReturnType<typeof columns> {
  return columns({ state: 'working', since: new Date().toISOString(), source: 'heuristic', message: 'started' });
}
