import { z } from 'zod';

/** Ids are short, prefixed and typeable by an agent: `tsk_3k9x0c2m1q`. */
export const ID_PREFIXES = { project: 'prj', task: 'tsk', session: 'ses', runner: 'run', token: 'tok' } as const;
export type IdKind = keyof typeof ID_PREFIXES;

const ID_BODY = /^[0-9a-z]{10}$/;

function idSchema(kind: IdKind) {
  const prefix = ID_PREFIXES[kind];
  return z
    .string()
    .trim()
    .refine((value) => value.startsWith(`${prefix}_`) && ID_BODY.test(value.slice(prefix.length + 1)), {
      message: `must be a ${kind} id like ${prefix}_0123456789`,
    });
}

export const projectId = idSchema('project');
export const taskId = idSchema('task');
export const sessionId = idSchema('session');
export const tokenId = idSchema('token');

/** Event ids are bigserial values; clients resume with `id > lastEventId`, never by counting. */
export const eventId = z.number().int().nonnegative();
