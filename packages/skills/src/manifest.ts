import { ROLES } from '@maestro/schemas';
import { z } from 'zod';

const skillName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lowercase letters, digits and dashes, like maestro-worker');

/** `manifest.json` of a skill. Unknown keys are refused so a misspelt field is caught, not ignored. */
export const skillManifest = z.strictObject({
  /** Must equal the skill's folder name. */
  name: skillName,
  version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'must be a semver version like 1.0.0'),
  description: z.string().trim().min(1, 'must not be empty').max(300),
  /** What the skill is: `system` for shared references such as the CLI, else the role it drives. */
  role: z.enum(ROLES),
  /** Roles whose sessions get this skill by default. */
  assignTo: z.array(z.enum(ROLES)).default([]),
  /** Among skills whose dependencies allow either order, higher comes first. */
  priority: z.number().int().min(0).max(1000).default(50),
  /** Skills that must come before this one in a prompt; loaded with it. */
  dependencies: z.array(skillName).default([]),
});
export type SkillManifest = z.infer<typeof skillManifest>;

export type ManifestParseResult = { ok: true; manifest: SkillManifest } | { ok: false; errors: { field?: string; message: string }[] };

/** Parses a manifest's text; every error names the field it is about (none for bad JSON). */
export function parseManifest(text: string): ManifestParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const parsed = skillManifest.safeParse(json);
  if (parsed.success) return { ok: true, manifest: parsed.data };
  const errors = parsed.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...issue.path, key].join('.'), message: 'unknown field' }));
    }
    if (issue.path.length === 0) return [{ message: issue.message }];
    const missing = valueAt(json, issue.path) === undefined;
    return [{ field: issue.path.join('.'), message: missing ? 'is required' : issue.message }];
  });
  return { ok: false, errors };
}

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
