import type { ConnectionState, MaestroClient, MaestroTRPCClient } from '@maestro/client';
import { createNodeClient } from '@maestro/client/node';
import { projectId } from '@maestro/schemas/ids';
import { z } from 'zod';
import type { CliEnv } from './env.js';
import { CliError } from './errors.js';
import type { Printer } from './output.js';
import { invocationOf, type Invocation } from './invocation.js';
import { describeTokenSource, resolveSettings, type Settings } from './settings.js';
import { validate } from './validate.js';

/**
 * What a command that talks to the server needs: effective settings, a typed
 * client with retries (created on first use), and the defaults for project,
 * task id and claimant. Built on the invocation; loaded only by commands.
 */
export interface Runtime {
  env: CliEnv;
  out: Printer;
  settings(): Settings;
  /** The typed client, with retries; created on first use. */
  trpc(): MaestroTRPCClient;
  /** A client whose WebSocket state changes are reported (for `watch`). */
  subscriber(onState: (state: ConnectionState) => void): MaestroTRPCClient;
  /** The project from --project, MAESTRO_PROJECT_ID or the config, validated; an actionable error when none. */
  project(): string;
  /** The given task id, else the first of MAESTRO_TASK_IDS; an actionable error when neither. */
  taskId(given: string | undefined, label?: string): string;
  /** Who claims tasks: `--as`, else the session id in a session, else the OS user. */
  claimant(as?: string): string;
}

function createRuntime(invocation: Invocation): Runtime {
  const { env, flags, out } = invocation;
  let settings: Settings | undefined;
  const clients: MaestroClient[] = [];
  // One id per command run: each mutation it sends gets a key derived from it, the same on every retry.
  // Time, pid and randomness make it unique enough without loading node:crypto at start-up.
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  let mutations = 0;

  const resolved = () => (settings ??= resolveSettings(flags, env));
  const open = (onState?: (state: ConnectionState) => void) => {
    const s = resolved();
    const client = createNodeClient({
      url: s.apiUrl,
      token: s.token,
      ...(onState ? { onConnectionState: onState } : {}),
      retry: {
        retries: s.retries,
        baseDelayMs: s.retryDelay,
        newIdempotencyKey: () => `cli:${runId}:${++mutations}`,
        onRetry: ({ path, retry, delayMs, error }) => {
          if (env.debug) out.info(`debug: ${path} failed (${error.message}); retry ${retry}/${s.retries} in ${delayMs} ms`);
        },
      },
    });
    clients.push(client);
    return client.trpc;
  };
  let trpc: MaestroTRPCClient | undefined;

  invocation.errorContext = () => (settings ? { url: settings.apiUrl, tokenSource: describeTokenSource(settings, env) } : undefined);
  invocation.close = () => {
    for (const c of clients) c.close();
  };

  return {
    env,
    out,
    settings: resolved,
    trpc: () => (trpc ??= open()),
    subscriber: (onState) => open(onState),
    project() {
      const s = resolved();
      if (!s.project) {
        throw new CliError('VALIDATION', 'No project selected', {
          hint: 'Pass --project <id>, set MAESTRO_PROJECT_ID, or save a default with `maestro project use <id>` (ids: `maestro project list`).',
        });
      }
      const label = s.projectSource === 'flag' ? '--project' : s.projectSource === 'env' ? 'MAESTRO_PROJECT_ID' : `project in ${s.configPath}`;
      return validate(z.object({ project: projectId }), { project: s.project }, { project: label }).project;
    },
    taskId(given, label = '<id>') {
      const id = given ?? env.taskIds[0];
      if (!id) {
        throw new CliError('VALIDATION', `Missing task id ${label}`, {
          hint: 'Pass the task id (see `maestro task list`); inside a session it defaults to the first of MAESTRO_TASK_IDS.',
        });
      }
      return id;
    },
    claimant(as) {
      return as ?? env.sessionId ?? env.user ?? 'user';
    },
  };
}

/** The runtime of this run, from the invocation citty hands the command (`data`); a command calls it once. */
export function useRuntime(data: unknown): Runtime {
  return createRuntime(invocationOf(data));
}
