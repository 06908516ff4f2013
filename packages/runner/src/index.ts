export { parseRunnerEnv, type RunnerEnv } from './env.js';
export { createRunner, type Runner, type RunnerOptions } from './runner.js';
export { startRunner } from './start.js';
export { findCliBundle, writeCliShim } from './shim.js';
export { inspectWorktree, removeWorktree } from './worktree.js';
export { DEFAULT_RETENTION_DAYS, retentionMs, sweepSessionDirs, type SessionDirVerdict } from './session-dirs.js';
