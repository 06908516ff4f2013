import { CliError } from '../errors.js';
import { table } from '../output.js';
import { runnersText } from '../runners-text.js';
import type { Runtime } from '../runtime.js';

/** More projects than this are listed without their counts (one summary request each). */
const SUMMARISED = 20;

/**
 * `maestro status` before any project is selected (the README's first
 * command on a fresh install): every project in short, the runners, and the
 * one command to run next. With --json it stays an error (an agent always
 * has MAESTRO_PROJECT_ID), its hint naming the projects that exist.
 */
export async function noProjectSelected(rt: Runtime): Promise<void> {
  const trpc = rt.trpc();
  if (rt.out.json) {
    // The missing project is the error; the server (if it answers) only makes the hint better.
    const items = (await trpc.project.list.query().catch(() => null))?.items ?? null;
    const use = 'Pass --project <id>, set MAESTRO_PROJECT_ID, or save a default with maestro project use <id>';
    throw new CliError('VALIDATION', 'No project selected', {
      hint:
        items === null
          ? `${use} (ids: maestro project list).`
          : items.length === 0
            ? 'No projects yet: maestro project create <name> --dir <path> (it becomes the default).'
            : `${use}. Projects: ${items.map((p) => `${p.id} (${p.name})`).join(', ')}.`,
      details: { projects: items?.map((p) => ({ id: p.id, name: p.name })) ?? null },
    });
  }
  const [projects, runners] = await rt.out.spin('Loading projects', Promise.all([trpc.project.list.query(), trpc.runner.list.query()]));
  const items = projects.items;
  const summaries = await Promise.all(items.slice(0, SUMMARISED).map((p) => trpc.status.get.query({ projectId: p.id })));
  const { paint } = rt.out;
  const lines: string[] = [];
  if (items.length === 0) {
    lines.push(
      paint('bold', 'No projects yet.'),
      'Create one for the directory your agents should work in; it becomes the default:',
      '  maestro project create <name> --dir <path>',
    );
  } else {
    lines.push(
      paint('bold', 'No project selected.'),
      table(
        ['ID', 'NAME', 'TASKS', 'READY', 'BLOCKED', 'SESSIONS', 'DIRECTORY'],
        items.map((p, i) => {
          const s = summaries[i];
          return [
            p.id,
            p.name,
            s ? String(s.total) : '',
            s ? String(s.ready) : '',
            s ? String(s.byStatus.blocked) : '',
            s ? String(s.activeSessions) : '',
            p.workingDir,
          ];
        }),
        paint,
      ),
      '',
      `Pick one: maestro project use ${items[0]!.id}   (or pass --project <id>, or set MAESTRO_PROJECT_ID)`,
    );
  }
  lines.push('', runnersText(runners.items, paint));
  rt.out.success(null, () => lines.join('\n'));
}
