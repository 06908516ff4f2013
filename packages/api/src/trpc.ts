import { initTRPC, TRPCError } from '@trpc/server';
import { actorOf, type ContextInner } from './context.js';
import { MaestroError, toErrorBody, toTRPCError } from './errors.js';

const t = initTRPC.context<ContextInner>().create({
  // Stack traces never leave the server.
  isDev: false,
  errorFormatter({ shape, error }) {
    const maestro = toErrorBody(error);
    return { ...shape, message: maestro.message, data: { ...shape.data, stack: undefined, maestro } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Times every call and turns domain errors into tRPC errors carrying their code. */
const observed = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const code = result.ok ? 'OK' : toErrorBody(result.error).code;
  ctx.hooks.onProcedure?.({ path, type, durationMs: performance.now() - started, code });
  return result;
});

const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof MaestroError && result.error.code === 'INTERNAL_SERVER_ERROR') {
    throw toTRPCError(result.error.cause);
  }
  return result;
});

export const publicProcedure = t.procedure.use(observed).use(domainErrors);

/** Every call but health needs a token; the server resolves it into `ctx.auth`. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.auth) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Missing or invalid token' });
  }
  return next({ ctx: { ...ctx, auth: ctx.auth, actor: actorOf(ctx.auth) } });
});
