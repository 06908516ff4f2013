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
/** NOTIFY payloads are limited to 8000 bytes; input is split well below that. */
const MAX_INPUT_CHARS = 1_500;

function split(command: RunnerCommand): RunnerCommand[] {
  if (command.kind !== 'input' || command.data.length <= MAX_INPUT_CHARS) return [command];
  const parts: RunnerCommand[] = [];
  for (let i = 0; i < command.data.length; i += MAX_INPUT_CHARS) {
    parts.push({ ...command, data: command.data.slice(i, i + MAX_INPUT_CHARS) });
  }
  return parts;
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
      for (const part of split(command)) await client.notify(COMMANDS_CHANNEL, JSON.stringify({ runnerId, command: part }));
    },
    subscribe: (runnerId, l) => r.subscribe(runnerId, l),
    close: async () => {
      await listener.unlisten().catch(() => {});
    },
  };
}
