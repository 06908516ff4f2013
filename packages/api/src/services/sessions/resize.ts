import { updateSessionRow, type SessionRow } from '@maestro/db';
import type { Session, sessionResizeInput } from '@maestro/schemas';
import { MaestroError } from '../../errors.js';
import type { MutationScope } from '../../mutate.js';
import { emitSessionUpdated, requireSession, sessionView } from './shared.js';
import type { z } from 'zod';

function notController(row: SessionRow, viewerId: string): MaestroError {
  return new MaestroError('NOT_CONTROLLER', `Viewer ${row.sizeController} controls the size of session ${row.id}, not ${viewerId}`, {
    hint: 'Take control (resize again with takeControl: true) to size the terminal from this viewer, or fit your view to its size.',
    details: { sizeController: row.sizeController, cols: row.cols, rows: row.rows },
  });
}

/**
 * Sets the terminal size. When two viewers watch one session, one controls
 * its size: a viewer's resize is refused while another holds control, unless
 * it takes control (or nobody holds it). A resize without a viewer id (the
 * CLI) always applies and leaves nobody in control. Any change is a
 * `session:updated`, so the viewer that lost control learns it; the PTY of a
 * running session is resized by its runner.
 */
export async function resizeSession(scope: MutationScope, input: z.output<typeof sessionResizeInput>): Promise<Session> {
  if (input.takeControl && !input.viewerId) {
    throw new MaestroError('VALIDATION', 'takeControl needs a viewerId', { hint: 'Pass the viewerId that takes control of the size.' });
  }
  const before = await requireSession(scope.tx, input.id, { forUpdate: true });
  const holder = before.sizeController;
  if (input.viewerId && holder && holder !== input.viewerId && !input.takeControl) throw notController(before, input.viewerId);
  const controller = input.viewerId ?? null;
  if (before.runnerId && before.status === 'active') {
    await scope.commands.publish(before.runnerId, { kind: 'resize', sessionId: input.id, cols: input.cols, rows: input.rows });
  }
  if (before.cols === input.cols && before.rows === input.rows && holder === controller) return sessionView(scope.tx, before);
  const after = await updateSessionRow(scope.tx, { id: input.id, values: { cols: input.cols, rows: input.rows, sizeController: controller } });
  const reason =
    holder === controller ? undefined : controller ? `size control taken by viewer ${controller}` : 'size set without a viewer: nobody controls it';
  return emitSessionUpdated(scope, before, after, reason);
}
