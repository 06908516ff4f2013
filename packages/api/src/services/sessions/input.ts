import { MaestroError } from '../../errors.js';
import type { MutationScope } from '../../mutate.js';
import { signalAttention } from './attention.js';
import { requireSession } from './shared.js';
import type { sessionInputInput } from '@maestro/schemas';
import type { z } from 'zod';

/**
 * Keystrokes for a live session's terminal, sent with the mutation's
 * transaction: run through `mutate` with an idempotency key, a retry of a
 * send whose answer was lost replays the answer and types nothing again.
 * Typing into a session that asked a question answers it.
 */
export async function sendInput(scope: MutationScope, input: z.output<typeof sessionInputInput>): Promise<{ delivered: true }> {
  const row = await requireSession(scope.tx, input.id);
  if (row.status !== 'active' || !row.runnerId) {
    throw new MaestroError('INVALID_TRANSITION', `Session ${row.id} is ${row.status}: it has no running terminal to type into`);
  }
  await scope.commands.publishWith(scope, row.runnerId, { kind: 'input', sessionId: row.id, data: input.data });
  if (row.attention === 'needs_input') {
    await signalAttention(scope, row.id, { state: 'working', source: 'heuristic', message: 'answered in the terminal', typedInput: true });
  }
  return { delivered: true };
}
