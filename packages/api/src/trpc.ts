import { initTRPC, TRPCError } from '@trpc/server';
import { actorOf, credentialKey, type Auth } from './auth.js';
import type { ContextInner } from './context.js';
import type { RateLimiter } from './rate-limit.js';
import { roleRefusal } from './roles.js';
import { refuseSessions } from './scope.js';
import { MaestroError, sqlState, toErrorBody, toTRPCError } from './errors.js';
import { mutate, type MutationOptions, type MutationScope } from './mutate.js';
import { chargeResponse, type AnswerSize } from './response-budget.js';
import { holdingSlot } from './subscription-slots.js';
import { databaseUnavailable, isDatabaseUnavailable } from './unavailable.js';

const t = initTRPC.context<ContextInner>().create({
  // Stack traces never leave the server.
  isDev: false,
  // Subscriptions are WebSocket only, where unsent bytes are capped per connection (apps/server
  // ws-limits.ts); tRPC's SSE over HTTP would stream into a reader that never reads, unbounded.
  sse: { enabled: false },
  errorFormatter({ shape, error }) {
    const maestro = toErrorBody(error);
    return { ...shape, message: maestro.message, data: { ...shape.data, stack: undefined, maestro } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Times every call and turns domain errors into tRPC errors carrying their code. */
const observed = t.middleware(async ({ ctx, path, type, getRawInput, next }) => {
  const started = performance.now();
  const result = await next();
  if (!ctx.hooks.onProcedure) return result;
  const durationMs = performance.now() - started;
  const code = result.ok ? 'OK' : toErrorBody(result.error).code;
  // Already read by the call (or unreadable, which the call reported): never fails the call here.
  // Not for a subscription: awaiting here holds its stream back (a slow WebSocket consumer was never dropped).
  const input = type === 'subscription' ? undefined : await getRawInput().catch(() => undefined);
  ctx.hooks.onProcedure({ path, type, durationMs, code, input });
  return result;
});

/** Text Postgres cannot store (a NUL character): the caller's input is at fault, not the server. */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok || result.error.code !== 'INTERNAL_SERVER_ERROR') return result;
  const cause = result.error.cause;
  if (cause instanceof MaestroError) throw toTRPCError(cause);
  // A database outage fails fast with a code clients retry on, not a 500 that reads like a bug.
  if (isDatabaseUnavailable(cause)) throw toTRPCError(databaseUnavailable());
  if (UNSTORABLE_TEXT.has(sqlState(cause) ?? '')) {
    throw toTRPCError(
      new MaestroError('VALIDATION', 'Text fields must not contain NUL (\\u0000) characters', { hint: 'Remove the NUL characters and retry.' }),
    );
  }
  return result;
});

function assertWithinRate(limiter: RateLimiter, auth: Auth, path: string): void {
  const key = credentialKey(auth);
  if (key === null) return;
  const decision = limiter.check(key, path);
  if (decision.ok) return;
  const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  throw toTRPCError(
    new MaestroError('RATE_LIMITED', `Too many ${decision.what} from this token (limit ${decision.limit}); nothing was done`, {
      hint: `Retry in ${seconds} s; the CLI retries on its own. The server's limits are set by MAESTRO_RATE_LIMIT_* (see README).`,
      details: { retryAfterMs: decision.retryAfterMs, limit: decision.limit, what: decision.what },
    }),
  );
}

/**
 * Every answer counts against the request's response budget (see
 * response-budget.ts); a stream's items do not. A resolver that already knows
 * its answer's size sets `ctx.answerSize.bytes`, sparing a serialisation.
 */
const boundedAnswer = t.middleware(async ({ ctx, path, type, next }) => {
  const answerSize: AnswerSize = {};
  const result = await next({ ctx: { answerSize } });
  if (result.ok && type !== 'subscription') chargeResponse(ctx.responseBudget, path, result.data, answerSize.bytes);
  return result;
});

/** A subscription takes one of its connection's slots (subscription-slots.ts) for as long as it streams. */
const boundedSubscriptions = t.middleware(async ({ ctx, type, next }) => {
  if (type !== 'subscription' || !ctx.subscriptions) return next();
  const release = ctx.subscriptions.acquire();
  const result = await next();
  if (!result.ok) {
    release();
    return result;
  }
  return { ...result, data: holdingSlot(result.data as AsyncIterable<unknown>, release) };
});

export const publicProcedure = t.procedure.use(observed).use(domainErrors).use(boundedAnswer).use(boundedSubscriptions);

/**
 * Every call but health needs a token; the server resolves it into `ctx.auth`.
 * Which project a call touches is each procedure's own declaration (scope.ts),
 * checked once its input is validated.
 */
export const protectedProcedure = publicProcedure.use(async ({ ctx, path, type, next }) => {
  if (!ctx.auth) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Missing or invalid token' });
  }
  if (ctx.auth.kind !== 'admin' && ctx.stillValid && !(await ctx.stillValid(ctx.auth))) {
    const why = ctx.auth.kind === 'session' ? 'its session has ended' : 'it was revoked';
    throw new TRPCError({ code: 'UNAUTHORIZED', message: `This token is no longer valid (${why})` });
  }
  if (ctx.auth.kind === 'token') {
    const refusal = roleRefusal(ctx.auth.role, path, type);
    if (refusal) {
      throw toTRPCError(
        new MaestroError('FORBIDDEN', `${refusal} (token ${ctx.auth.name} has role ${ctx.auth.role})`, {
          hint: 'Use a token whose role allows this: `maestro token create --name <name> --role admin|member|runner|readonly`.',
        }),
      );
    }
  }
  if (type === 'mutation' && ctx.limiter) assertWithinRate(ctx.limiter, ctx.auth, path);
  return next({ ctx: { ...ctx, auth: ctx.auth, actor: actorOf(ctx.auth) } });
});

const sessionTokensRefused = refuseSessions('This needs the server token or a named token, not a session token');

/**
 * Runners, project administration and tokens: never a session token. Named
 * tokens reach these as their role allows (checked above, for every procedure).
 */
export const adminProcedure = protectedProcedure.use(sessionTokensRefused);

/** A domain service: one mutation's work inside its transaction, from the procedure's validated input. */
export type Service<I, O> = (scope: MutationScope, input: I) => Promise<O>;

/**
 * A procedure that changes something. `ctx.run(service, input)` runs the
 * service through `mutate` (one transaction, its events, its idempotency
 * record) under the procedure's own path, so no call names itself by hand.
 */
export const mutationProcedure = protectedProcedure.use(({ ctx, path, next }) =>
  next({
    ctx: {
      run: <I extends object, O>(service: Service<I, O>, input: I, opts: MutationOptions = {}): Promise<O> =>
        mutate({ ...ctx, actor: opts.actor ?? ctx.actor }, { procedure: path, input: opts.recordedInput ?? input }, (scope) => service(scope, input)),
    },
  }),
);

/** A mutation procedure a session token may not call (see adminProcedure). */
export const adminMutationProcedure = mutationProcedure.use(sessionTokensRefused);
