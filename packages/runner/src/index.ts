export { parseRunnerEnv, type RunnerEnv } from './env.js';
export { createRunner, type Runner, type RunnerLogger, type RunnerOptions } from './runner.js';
export { startRunner } from './start.js';
export { cliEntryPoint, writeCliShim } from './shim.js';
export { branchName, inspectWorktree, removeWorktree } from './worktree.js';
export { DEFAULT_RETENTION_DAYS, retentionMs, sweepSessionDirs, type SessionDirVerdict } from './session-dirs.js';
export { waitForServer, waitForTokenFile } from './wait.js';
