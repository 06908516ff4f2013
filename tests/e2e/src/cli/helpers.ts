import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schemaErrors } from '@maestro/cli/src/testing/published-schemas';
import { expect } from 'vitest';
import { CLI_BIN } from '../harness/cli.js';

export { schemaErrors };
export const BIN = CLI_BIN;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Spread into a child's environment: with `--coverage` the run's directory for spawned processes'
 * coverage (scripts/spawned-coverage.mjs) becomes the child's NODE_V8_COVERAGE, so the binary's
 * code counts; empty otherwise.
 */
export const COVERAGE_ENV: Record<string, string> = process.env.MAESTRO_SPAWNED_COVERAGE_DIR
  ? { NODE_V8_COVERAGE: process.env.MAESTRO_SPAWNED_COVERAGE_DIR }
  : {};

/** A fresh HOME, so config and caches of one test never leak into another. */
export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'maestro-cli-home-'));
}

/**
 * Runs the built `maestro` with only the environment given (plus PATH), the
 * way an agent's shell would, and collects its output.
 */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 30_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: env.HOME ?? tempHome(), ...COVERAGE_ENV, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`maestro ${args.join(' ')} timed out after ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Exactly one JSON document on stdout, in the envelope, `data` valid against the command's published schema. */
export function expectSuccess<T = unknown>(result: CliResult, command: string): T {
  const doc = parseOnlyDocument(result);
  expect(result.code, result.stderr).toBe(0);
  expect(schemaErrors('envelope.json', doc)).toBeNull();
  expect(doc).toMatchObject({ success: true });
  const data = (doc as { data: T }).data;
  expect(schemaErrors(`${command.replace(/ /g, '-')}.json`, data)).toBeNull();
  return data;
}

/** The failure envelope with the expected code and exit code. */
export function expectFailure(result: CliResult, code: string, exitCode: number): { code: string; message: string; hint?: string; details?: unknown } {
  const doc = parseOnlyDocument(result);
  expect(schemaErrors('envelope.json', doc)).toBeNull();
  expect(doc).toMatchObject({ success: false, error: { code } });
  expect(result.code).toBe(exitCode);
  return (doc as { error: { code: string; message: string; hint?: string } }).error;
}

export function parseOnlyDocument(result: CliResult): unknown {
  const lines = result.stdout.split('\n').filter((l) => l.trim() !== '');
  expect(lines, `stdout must be one JSON document; stderr: ${result.stderr}`).toHaveLength(1);
  return JSON.parse(lines[0]!) as unknown;
}

/** How many calls of `procedure` the server at `url` has answered, from its /metrics (every result code). */
export async function answeredCalls(url: string, procedure: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const prefix = `maestro_rpc_requests_total{procedure="${procedure}",`;
  return text
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/**
 * Resolves once `maestro watch` has fixed where its stream starts: the server has answered its
 * `events.head`, and every change committed after that reaches the watcher (live or by backfill).
 * `before` is the count of such calls before the watch started.
 */
export async function watchStarted(url: string, before: number): Promise<void> {
  await expect.poll(() => answeredCalls(url, 'events.head'), { timeout: 60_000, interval: 100 }).toBeGreaterThan(before);
}
