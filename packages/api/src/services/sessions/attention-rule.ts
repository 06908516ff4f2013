import type { Attention, AttentionSource, SignalState } from '@maestro/schemas';

export interface AttentionSignal {
  state: SignalState;
  source: Exclude<AttentionSource, 'system'>;
  message?: string | null | undefined;
  /** When the terminal activity a heuristic read happened; defaults to now. */
  observedAt?: Date | undefined;
  /** Text typed into the terminal: the one heuristic that answers a question. */
  typedInput?: boolean | undefined;
}

const SAID = new Set<AttentionSource>(['agent', 'hook']);

/**
 * The attention a session gets from a signal, or null when it keeps its own.
 *
 * The agent and its tool's hooks know what they are doing, so their signals
 * always apply. A heuristic only reads the terminal, so it never replaces what
 * an agent or hook said after the activity it read (a question asked after the
 * last output stays asked through any silence), and output alone never clears
 * an agent's or hook's `needs_input` (an agent prints while it waits); text
 * typed into the terminal does, since that is the answer.
 */
export function nextAttention(current: Attention | null, signal: AttentionSignal, now: Date): Attention | null {
  const message = signal.message ?? null;
  if (signal.source !== 'heuristic') {
    if (current && current.state === signal.state && current.source === signal.source && current.message === message) return null;
    return { state: signal.state, since: now.toISOString(), source: signal.source, message };
  }
  if (current?.state === signal.state) return null;
  const observedAt = signal.observedAt && signal.observedAt < now ? signal.observedAt : now;
  if (current && SAID.has(current.source)) {
    if (current.state === 'needs_input' && !signal.typedInput) return null;
    if (!signal.typedInput && observedAt.getTime() <= Date.parse(current.since)) return null;
  }
  if (signal.typedInput && current?.state !== 'needs_input') return null;
  const since = current && observedAt.getTime() < Date.parse(current.since) ? now : observedAt;
  return { state: signal.state, since: since.toISOString(), source: 'heuristic', message };
}
