import { runnerCommand, type RunnerCommand } from '@maestro/schemas';
import type postgres from 'postgres';

type Listener = (command: RunnerCommand) => void;

/**
 * Keystrokes, resizes and stops addressed to a runner. Deliberately not the
 * event log: input may hold secrets and is worth nothing once delivered. A
 * stop is also recorded on the session row, so a runner that was away picks
 * it up from its next heartbeat.
 */
export interface CommandBus {
  publish(runnerId: string, command: RunnerCommand): Promise<void>;
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

function split(command: RunnerCommand): RunnerCommand[] {
  if (command.kind !== 'input') return [command];
  return splitInput(command.data).map((data) => ({ ...command, data }));
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
      const parts = split(command);
      if (parts.length === 1) return void (await client.notify(COMMANDS_CHANNEL, JSON.stringify({ runnerId, command: parts[0] })));
      // One transaction: PostgreSQL delivers its notifications together, in order, at commit, or none
      // of them; a failed send leaves no half of the keystrokes at the PTY for a retry to duplicate.
      await client.begin(async (tx) => {
        for (const part of parts) await tx.notify(COMMANDS_CHANNEL, JSON.stringify({ runnerId, command: part }));
      });
    },
    subscribe: (runnerId, l) => r.subscribe(runnerId, l),
    close: async () => {
      await listener.unlisten().catch(() => {});
    },
  };
}
