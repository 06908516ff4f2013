import type { Tx } from '@maestro/db';
import { runnerCommand, type RunnerCommand } from '@maestro/schemas';
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';

type Listener = (command: RunnerCommand) => void;

/**
 * Keystrokes, resizes and stops addressed to a runner. Deliberately not the
 * event log: input may hold secrets and is worth nothing once delivered. A
 * stop is also recorded on the session row, so a runner that was away picks
 * it up from its next heartbeat.
 */
/** Where a command may ride along with a mutation (`MutationScope` is one). */
export interface CommitScope {
  tx: Tx;
  onCommit(fn: () => void): void;
}

export interface CommandBus {
  publish(runnerId: string, command: RunnerCommand): Promise<void>;
  /**
   * Sends the command if and only if `scope`'s transaction commits: with it
   * on PostgreSQL (NOTIFY is transactional), just after it in one process.
   * A mutation's idempotency record and its keystrokes so commit together.
   */
  publishWith(scope: CommitScope, runnerId: string, command: RunnerCommand): Promise<void>;
  subscribe(runnerId: string, listener: Listener): () => void;
  close(): Promise<void>;
}

function registry() {
  const listeners = new Map<string, Set<Listener>>();
  return {
    dispatch(runnerId: string, command: RunnerCommand) {
      for (const l of listeners.get(runnerId) ?? []) l(command);
    },
    subscribe(runnerId: string, listener: Listener) {
      const set = listeners.get(runnerId) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(runnerId, set);
      return () => set.delete(listener);
    },
  };
}

export function createMemoryCommandBus(): CommandBus {
  const r = registry();
  return {
    publish: async (runnerId, command) => r.dispatch(runnerId, command),
    publishWith: async (scope, runnerId, command) => scope.onCommit(() => r.dispatch(runnerId, command)),
    subscribe: (runnerId, listener) => r.subscribe(runnerId, listener),
    close: async () => {},
  };
}

export const COMMANDS_CHANNEL = 'maestro_runner_commands';
/**
 * NOTIFY payloads are limited to 8000 bytes. Input is split so each part's
 * data, as its JSON text encodes it (a control character is 6 bytes there),
 * stays under this, leaving room for the rest of the envelope.
 */
const MAX_INPUT_PART_BYTES = 6_000;

/** UTF-8 bytes of one code point inside a JSON string. */
function encodedBytes(codePoint: string): number {
  return Buffer.byteLength(JSON.stringify(codePoint)) - 2;
}

/** Parts of at most MAX_INPUT_PART_BYTES, cut between code points: an emoji is never split into halves. */
export function splitInput(data: string): string[] {
  const parts: string[] = [];
  let part = '';
  let bytes = 0;
  for (const codePoint of data) {
    const size = encodedBytes(codePoint);
    if (bytes + size > MAX_INPUT_PART_BYTES) {
      parts.push(part);
      part = '';
      bytes = 0;
    }
    part += codePoint;
    bytes += size;
  }
  if (part) parts.push(part);
  return parts;
}

/**
 * The NOTIFY payloads of one command. Each part carries its index: PostgreSQL
 * delivers identical payloads sent in one transaction only once, and two parts
 * of a repetitive input can be identical.
 */
function payloads(runnerId: string, command: RunnerCommand): string[] {
  const parts = command.kind === 'input' ? splitInput(command.data).map((data) => ({ ...command, data })) : [command];
  return parts.map((part, i) => JSON.stringify({ runnerId, part: i, command: part }));
}

/** Across server processes: a runner's WebSocket may be on another server than the dashboard that typed. */
export async function createPostgresCommandBus(client: postgres.Sql): Promise<CommandBus> {
  const r = registry();
  const listener = await client.listen(COMMANDS_CHANNEL, (payload) => {
    try {
      const { runnerId, command } = JSON.parse(payload) as { runnerId: string; command: unknown };
      const parsed = runnerCommand.safeParse(command);
      if (parsed.success) r.dispatch(runnerId, parsed.data);
    } catch {
      // Not ours or malformed: nothing to deliver.
    }
  });
  return {
    publish: async (runnerId, command) => {
      const all = payloads(runnerId, command);
      if (all.length === 1) return void (await client.notify(COMMANDS_CHANNEL, all[0]!));
      // One transaction: PostgreSQL delivers its notifications together, in order, at commit, or none
      // of them; a failed send leaves no half of the keystrokes at the PTY for a retry to duplicate.
      // (postgres.js's tx.notify runs outside the transaction: pg_notify on the transaction's connection.)
      await client.begin(async (tx) => {
        for (const payload of all) await tx`select pg_notify(${COMMANDS_CHANNEL}, ${payload})`;
      });
    },
    publishWith: async (scope, runnerId, command) => {
      for (const payload of payloads(runnerId, command)) await scope.tx.execute(sql`select pg_notify(${COMMANDS_CHANNEL}, ${payload})`);
    },
    subscribe: (runnerId, l) => r.subscribe(runnerId, l),
    close: async () => {
      await listener.unlisten().catch(() => {});
    },
  };
}
