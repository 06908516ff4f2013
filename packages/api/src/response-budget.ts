import { REQUEST_LIMITS } from '@maestro/schemas';
import { MaestroError } from './errors.js';

/**
 * What the answers of one HTTP request may still add up to, in bytes of JSON.
 * A batch of calls shares one, so fifty large lists in one request cannot make
 * the server hold half a gigabyte for a single caller.
 */
export interface ResponseBudget {
  remaining: number;
}

export function createResponseBudget(bytes: number = REQUEST_LIMITS.responseBytes): ResponseBudget {
  return { remaining: bytes };
}

/**
 * An answer's size in bytes of JSON when its resolver already knows it (read
 * as JSON text from the database, say): at least the real size, never below,
 * or the budget would let more through than it should.
 */
export interface AnswerSize {
  bytes?: number;
}

/**
 * Charges one call's answer to the request's budget; without one (a WebSocket
 * call, a test's caller) the answer alone is held to the limit. Over it, the
 * call is TOO_LARGE instead of its answer: a query, so nothing is undone.
 */
export function chargeResponse(budget: ResponseBudget | undefined, path: string, data: unknown, knownBytes?: number): void {
  // Measuring by serialising costs as much as the serialisation that sends it (~1.5 ms for 500 tasks).
  const bytes = knownBytes ?? Buffer.byteLength(JSON.stringify(data) ?? '');
  const remaining = budget ? budget.remaining : REQUEST_LIMITS.responseBytes;
  if (bytes > remaining) {
    const shared = budget !== undefined && remaining < REQUEST_LIMITS.responseBytes;
    throw new MaestroError(
      'TOO_LARGE',
      `The answer to ${path} (${bytes} bytes) is over the ${REQUEST_LIMITS.responseBytes}-byte limit of one response${shared ? ', with the other calls in this batch' : ''}`,
      {
        hint: shared ? 'Send fewer calls per request, or ask for smaller pages (limit).' : 'Ask for a smaller page (limit, maxBytes).',
        details: { limit: 'responseBytes', maxBytes: REQUEST_LIMITS.responseBytes, bytes },
      },
    );
  }
  if (budget) budget.remaining -= bytes;
}
