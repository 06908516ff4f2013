import { z } from 'zod';
import { LIMITS, mutationMeta, text, timestamp } from './common.js';
import { ATTENTION_SOURCES, ATTENTION_STATES, SIGNAL_STATES } from './enums.js';
import { sessionId } from './ids.js';

export const attentionState = z.enum(ATTENTION_STATES);
export const attentionSource = z.enum(ATTENTION_SOURCES);
export const signalState = z.enum(SIGNAL_STATES);

/** A session's attention: what it needs from a person, since when, and who said so. */
export const attention = z.object({
  state: attentionState,
  since: timestamp,
  source: attentionSource,
  /** The question the agent asks (needs_input), or why the state changed. */
  message: z.string().nullable(),
});
export type Attention = z.infer<typeof attention>;

/** The question an agent asks; long enough for a paragraph, short enough for a list row. */
export const attentionMessage = text().trim().min(1).max(LIMITS.reason);

/**
 * Sets a live session's attention. An agent (`maestro session needs-input`)
 * sends source `agent`, a tool hook `hook`; the runner sends `heuristic` with
 * `ageMs`, how long ago the terminal activity it inferred the state from
 * happened (for idle: the last output). A heuristic never replaces a newer
 * agent or hook state, nor an agent or hook `needs_input` (only an answer
 * typed into the terminal, the agent or its hook clear a question).
 */
export const sessionAttentionInput = z.object({
  id: sessionId,
  state: signalState,
  source: attentionSource.exclude(['system']).default('agent'),
  message: attentionMessage.optional(),
  /** Relative, so a runner's clock need not agree with the server's. */
  ageMs: z.number().int().min(0).max(86_400_000).optional(),
  ...mutationMeta,
});
export type SessionAttentionInput = z.infer<typeof sessionAttentionInput>;

export const sessionMarkSeenInput = z.object({ id: sessionId, ...mutationMeta });
