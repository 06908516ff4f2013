import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'task'
  );
}

/** Branch `maestro/<task-slug>-<short-id>`, so concurrent sessions never share one. */
export function branchName(taskTitle: string, sessionId: string): string {
  return `maestro/${slugify(taskTitle)}-${sessionId.slice(-6)}`;
}

/** A new worktree of the repository at `repoDir`, on a new branch from its HEAD. */
export async function addWorktree(repoDir: string, dir: string, branch: string): Promise<void> {
  try {
    await run('git', ['-C', repoDir, 'worktree', 'add', '-b', branch, dir], { timeout: 60_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim() ?? String(error);
    throw new Error(`Could not create a git worktree in ${repoDir} (${stderr}). Is the project directory a git repository with at least one commit?`);
  }
}

export type WorktreeState = { dir: string; branch: string | null; safe: boolean; why: string[] };

/**
 * A worktree is safe to remove only with no uncommitted changes and no commits
 * that exist nowhere else (its branch merged into the main checkout's HEAD).
 */
export async function inspectWorktree(repoDir: string, dir: string): Promise<WorktreeState> {
  const why: string[] = [];
  const status = await run('git', ['-C', dir, 'status', '--porcelain'], { timeout: 30_000 });
  if (status.stdout.trim()) why.push('uncommitted changes');
  const branch = (await run('git', ['-C', dir, 'rev-parse', '--abbrev-ref', 'HEAD'])).stdout.trim();
  const head = (await run('git', ['-C', repoDir, 'rev-parse', 'HEAD'])).stdout.trim();
  const unmerged = await run('git', ['-C', dir, 'rev-list', '--count', `${head}..HEAD`]);
  if (Number(unmerged.stdout.trim()) > 0) why.push(`${unmerged.stdout.trim()} commit(s) not merged`);
  return { dir, branch: branch === 'HEAD' ? null : branch, safe: why.length === 0, why };
}

export async function removeWorktree(repoDir: string, dir: string, branch: string | null): Promise<void> {
  await run('git', ['-C', repoDir, 'worktree', 'remove', dir], { timeout: 60_000 });
  if (branch) await run('git', ['-C', repoDir, 'branch', '-d', branch], { timeout: 30_000 }).catch(() => {});
}
