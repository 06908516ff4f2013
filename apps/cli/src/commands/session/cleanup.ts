import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inspectWorktree, removeWorktree, sweepSessionDirs } from '@maestro/runner';
import { isLiveSessionStatus } from '@maestro/schemas/enums';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { table } from '../../output.js';
import { useRuntime } from '../../runtime.js';
import { cleanupData } from '../../schemas/cli.js';

interface Row {
  sessionId: string;
  dir: string;
  branch: string | null;
  removed: boolean;
  kept: string | null;
}

export default defineCommand({
  meta: meta(
    'cleanup',
    "Remove this machine's leftovers of ended sessions: their prompt directories, and worktrees holding no uncommitted or unmerged work; list the rest",
    ['maestro session cleanup', 'maestro session cleanup --dry-run --json'],
    { data: cleanupData },
  ),
  args: { ...globalArgs, 'dry-run': { type: 'boolean', description: 'Only list what would be removed' } },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const trpc = rt.trpc();
    const root = join(rt.env.runnerDir, 'worktrees');
    const rows: Row[] = [];
    for (const sessionId of existsSync(root) ? readdirSync(root) : []) {
      const dir = join(root, sessionId);
      const session = await trpc.session.get.query({ id: sessionId }).catch(() => null);
      if (session && isLiveSessionStatus(session.status)) {
        rows.push({ sessionId, dir, branch: session.branch, removed: false, kept: `session is ${session.status}` });
        continue;
      }
      const repo = session ? (await trpc.project.get.query({ id: session.projectId })).workingDir : null;
      if (!repo) {
        rows.push({ sessionId, dir, branch: null, removed: false, kept: 'its session or project is gone: check it by hand' });
        continue;
      }
      const state = await inspectWorktree(repo, dir).catch((e: Error) => ({ safe: false, why: [e.message], branch: null }));
      if (state.safe && !args['dry-run']) await removeWorktree(repo, dir, state.branch);
      rows.push({ sessionId, dir, branch: state.branch, removed: state.safe && !args['dry-run'], kept: state.safe ? null : state.why.join('; ') });
    }
    // Prompt files and output spill: nothing in them is needed once the session has ended.
    const ended = async (id: string) => {
      const session = await trpc.session.get.query({ id }).catch(() => null);
      return session ? !isLiveSessionStatus(session.status) : ('unknown' as const);
    };
    for (const v of await sweepSessionDirs({ runnerDir: rt.env.runnerDir, ended, olderThanMs: 0, dryRun: args['dry-run'] === true })) {
      rows.push({ ...v, branch: null });
    }
    rt.out.success(rows, (r) =>
      r.length === 0
        ? `Nothing to clean up: no worktrees or session directories under ${rt.env.runnerDir}.`
        : table(
            ['SESSION', 'RESULT', 'BRANCH', 'DIRECTORY'],
            r.map((x) => [x.sessionId, x.removed ? 'removed' : x.kept ? `kept: ${x.kept}` : 'would remove', x.branch ?? '', x.dir]),
            rt.out.paint,
          ),
    );
  },
});
