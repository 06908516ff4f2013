import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Project, Session, Task, TaskDetail } from '@maestro/schemas';

const at = '2025-01-01T00:00:00.000Z';

export const project: Project = {
  id: 'prj_0a1b2c3d4e',
  name: 'shop',
  description: '',
  workingDir: '/srv/shop',
  createdAt: at,
  updatedAt: at,
};

export function session(role: Session['role'], skill: string | null = null): Pick<Session, 'id' | 'name' | 'skill'> {
  return { id: 'ses_0a1b2c3d4e', name: `${role}-1`, skill };
}

function task(id: string, title: string, description = '', parentId: string | null = null): Task {
  return {
    id,
    projectId: project.id,
    parentId,
    title,
    description,
    status: 'todo',
    priority: 'high',
    position: 0,
    blockedReason: null,
    assignee: null,
    worktree: false,
    version: 1,
    createdAt: at,
    updatedAt: at,
    startedAt: null,
    completedAt: null,
  };
}

/** A typical worker task: a paragraph of acceptance notes, four subtasks, one dependency, one dependent. */
export function typicalTask(): TaskDetail {
  const id = 'tsk_7hq2m9x0ca';
  return {
    ...task(
      id,
      'Add coupon codes to checkout',
      [
        'Customers can enter one coupon code at checkout. Percentage and fixed-amount coupons;',
        'expired or unknown codes show an inline error and do not change the total.',
        'Done when: unit tests for the discount rules pass, the checkout e2e test covers a valid and',
        'an expired code, and `npm test` is green. Do not change the payment provider integration.',
      ].join('\n'),
    ),
    subtasks: [
      task('tsk_7hq2m9x0s1', 'Coupon model and migration', 'Table coupons(code unique, kind, amount, expires_at).', id),
      task('tsk_7hq2m9x0s2', 'Discount rules with unit tests', 'Percentage rounds half up to the cent; never below zero.', id),
      task('tsk_7hq2m9x0s3', 'Coupon field and inline errors in the checkout form', '', id),
      task('tsk_7hq2m9x0s4', 'E2E test: valid and expired code', '', id),
    ],
    dependencies: [{ id: 'tsk_4cartapi1x', title: 'Cart totals API', status: 'completed', priority: 'high' }],
    dependents: [{ id: 'tsk_9promo001x', title: 'Promotions admin page', status: 'todo', priority: 'medium' }],
    ready: true,
  };
}

/** A typical orchestrator task: a feature to plan, no subtasks yet. */
export function featureTask(): TaskDetail {
  return {
    ...task(
      'tsk_2loyalty0p',
      'Loyalty points',
      [
        'Customers earn 1 point per whole euro on completed orders and can redeem 100 points for 5 EUR off.',
        'Points show on the account page and in the order confirmation email. Refunds remove the points earned.',
        'Done when: the flows above work end to end, with unit and e2e tests, and `npm test` is green.',
      ].join('\n'),
    ),
    subtasks: [],
    dependencies: [],
    dependents: [],
    ready: true,
  };
}

export interface ManifestFields {
  name?: unknown;
  version?: unknown;
  description?: unknown;
  role?: unknown;
  assignTo?: unknown;
  priority?: unknown;
  dependencies?: unknown;
  [extra: string]: unknown;
}

/** Writes `<root>/<name>/manifest.json` + `skill.md`; `manifest` replaces fields of a valid default. */
export function writeSkill(root: string, name: string, manifest: ManifestFields | string = {}, body = `# ${name}\n\nBody of ${name}.\n`): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const text =
    typeof manifest === 'string'
      ? manifest
      : JSON.stringify(
          { name, version: '1.0.0', description: `The ${name} skill.`, role: 'worker', assignTo: [], priority: 50, dependencies: [], ...manifest },
          null,
          2,
        );
  writeFileSync(join(dir, 'manifest.json'), text);
  writeFileSync(join(dir, 'skill.md'), body);
  return dir;
}

/** A fresh temporary directory with project and home directories inside. */
export function tempDirs(): { root: string; projectDir: string; homeDir: string; projectSkills: string; userSkills: string } {
  const root = mkdtempSync(join(tmpdir(), 'maestro-skills-'));
  const projectDir = join(root, 'project');
  const homeDir = join(root, 'home');
  const projectSkills = join(projectDir, '.maestro', 'skills');
  const userSkills = join(homeDir, '.maestro', 'skills');
  mkdirSync(projectSkills, { recursive: true });
  mkdirSync(userSkills, { recursive: true });
  return { root, projectDir, homeDir, projectSkills, userSkills };
}
