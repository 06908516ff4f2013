import { createHash } from 'node:crypto';
import { claimIdempotencyKey, insertEvents, storeIdempotentResponse, type Tx } from '@maestro/db';
import type { NewEvent } from '@maestro/schemas';
import type { CommandBus } from './bus/commands.js';
import type { OutputFeed } from './bus/output-feed.js';
import type { ApiConfig, ContextInner } from './context.js';
import { MaestroError, sqlState } from './errors.js';

/** An event as a service emits it; `mutate` stamps the actor. */
export type Emit = NewEvent extends infer E ? (E extends unknown ? Omit<E, 'actor'> : never) : never;

export interface MutationScope {
  tx: Tx;
  actor: string;
  emit(event: Emit): void;
  /** Runs once the transaction has committed, before subscribers hear of its events. */
  onCommit(fn: () => void): void;
  config: ApiConfig;
  /** Commands to runners; `publishWith(scope, …)` sends one only if the mutation commits. */
  commands: CommandBus;
  /** Live terminal output of this process, fed after commit. */
  output: OutputFeed;
}

/** How one call is recorded, when not as the caller and its whole input. */
export interface MutationOptions {
  /** Who the events name: a runner reports as itself, whatever token it holds. */
  actor?: string;
  /** What the idempotency record hashes instead of the input (never keystrokes). */
  recordedInput?: object;
}

const RETRYABLE = new Set(['40001', '40P01', '55P03']);
const MAX_ATTEMPTS = 3;

function requestHash(input: unknown): string {
  const { idempotencyKey: _, ...rest } = (input ?? {}) as Record<string, unknown>;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

function mapDatabaseError(error: unknown): unknown {
  switch (sqlState(error)) {
    case '23505':
      return new MaestroError('ALREADY_EXISTS', 'That already exists (a concurrent request created it first)', {
        hint: 'Read the current state and retry if still needed.',
      });
    case '23503':
      return new MaestroError('NOT_FOUND', 'Something this change refers to no longer exists (deleted concurrently)', {
        hint: 'Read the current state and retry.',
      });
    default:
      return error;
  }
}

/**
 * Runs one mutation: its rows, its events and its idempotency record commit
 * together or not at all; subscribers hear of the events after commit.
 */
export async function mutate<T>(
  ctx: ContextInner & { actor: string },
  op: { procedure: string; input: object },
  fn: (scope: MutationScope) => Promise<T>,
): Promise<T> {
  const key = (op.input as { idempotencyKey?: string }).idempotencyKey;
  for (let attempt = 1; ; attempt++) {
    try {
      const pending: Emit[] = [];
      const committed: (() => void)[] = [];
      let written = 0;
      const result = await ctx.db.transaction(async (tx) => {
        if (key) {
          const hash = requestHash(op.input);
          const claim = await claimIdempotencyKey(tx, { key, procedure: op.procedure, requestHash: hash });
          if (claim.status === 'replay') {
            if (claim.procedure !== op.procedure || claim.requestHash !== hash) {
              throw new MaestroError('IDEMPOTENCY_MISMATCH', `Idempotency key ${key} was already used for a different request`, {
                hint: 'Use a new idempotency key for a new request.',
              });
            }
            return claim.response as T;
          }
        }
        const value = await fn({
          tx,
          actor: ctx.actor,
          emit: (event) => pending.push(event),
          onCommit: (f) => committed.push(f),
          config: ctx.config,
          commands: ctx.commands,
          output: ctx.output,
        });
        if (pending.length > 0) {
          // No lock here: writers commit in parallel; the bus numbers events after commit (docs/adr/0001-event-order.md).
          await insertEvents(tx, { events: pending.map((e) => ({ ...e, actor: ctx.actor })) });
          await ctx.bus.inTransaction(tx);
          written = pending.length;
        }
        if (key) await storeIdempotentResponse(tx, { key, response: value });
        return value;
      });
      for (const f of committed) f();
      if (written > 0) {
        // Awaited so a caller that reads the timeline next sees its own events.
        await ctx.bus.afterCommit();
        ctx.hooks.onEventsPublished?.(written);
      }
      return result;
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && RETRYABLE.has(sqlState(error) ?? '')) continue;
      if (!(error instanceof MaestroError) && sqlState(error)) ctx.hooks.onDatabaseError?.(error);
      throw mapDatabaseError(error);
    }
  }
}
