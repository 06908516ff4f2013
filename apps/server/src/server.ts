import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import {
  appRouter,
  createContextInner,
  createMemoryBus,
  createMemoryCommandBus,
  createOutputFeed,
  createPostgresBus,
  createPostgresCommandBus,
  createRateLimiter,
  createResponseBudget,
  createSubscriptionSlots,
  credentialStillValid,
  toTRPCError,
  type ApiHooks,
  type Auth,
  type CommandBus,
  type EventBus,
} from '@maestro/api';
import { ensurePrivateDir } from '@maestro/client/node';
import { REQUEST_LIMITS, TRPC_PATH } from '@maestro/schemas';
import { createDb, type DbHandle } from '@maestro/db';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { authenticate, originAllowed } from './auth.js';
import { lockDataDir } from './data-dir-lock.js';
import type { ServerEnv } from './env.js';
import { checkExposure, createHostCheck } from './exposure.js';
import { checkHealth } from './health.js';
import { migrateOnce } from './migrate.js';
import { startSweeper } from './sweeper.js';
import { createLogger, lineIds, requestIdOf, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { createSocketRevoker } from './revocation.js';
import { resolveServerToken, type ServerToken } from './token.js';
import { createWebGateway } from './web/gateway.js';
import { batchTooLarge, createSocketCounter, guardSocket } from './ws-limits.js';
import type { WebApp } from './web/next-app.js';

/** Fits a runner's output batch (≈700 KB) with room; anything larger is refused with 413. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface RunningServer {
  url: string;
  port: number;
  token: ServerToken;
  db: DbHandle;
  close(): Promise<void>;
}

/** What the API and the dashboard answer; TRACE, PUT and the rest get 405, not a handler's 500. */
const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'POST']);

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** A Host this server does not answer to: what a DNS-rebinding page sends. */
function refuseHost(res: ServerResponse, host: string | undefined): void {
  sendJson(res, 403, {
    error: {
      code: 'FORBIDDEN',
      message: `This server does not answer to the host name ${JSON.stringify(host)}`,
      hint: 'Reach it by 127.0.0.1 or localhost, or add the name to MAESTRO_ALLOWED_HOSTS.',
    },
  });
}

/** The data directory and the embedded database inside it: the owner's alone (0700), tightened with a warning. */
function prepareDataDir(env: ServerEnv, logger: Logger): void {
  const dirs = env.DATABASE_URL ? [env.MAESTRO_DATA_DIR] : [env.MAESTRO_DATA_DIR, join(env.MAESTRO_DATA_DIR, 'pglite')];
  for (const dir of dirs) {
    const { tightenedFrom } = ensurePrivateDir(dir);
    if (tightenedFrom !== null) logger.warn({ dir, was: tightenedFrom.toString(8), now: '700' }, 'directory was open to other local users: made private');
  }
}

async function openDatabase(env: ServerEnv, logger: Logger): Promise<{ handle: DbHandle; bus: EventBus; commands: CommandBus; unlock: () => void }> {
  const unlock = env.DATABASE_URL ? () => {} : lockDataDir(env.MAESTRO_DATA_DIR);
  const handle = createDb(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: join(env.MAESTRO_DATA_DIR, 'pglite') });
  await migrateOnce(handle);
  const onError = (error: unknown) => logger.error({ err: error }, 'event feed read failed');
  const bus = handle.sql ? await createPostgresBus(handle.db, handle.sql, onError) : await createMemoryBus(handle.db, onError);
  const commands = handle.sql ? await createPostgresCommandBus(handle.sql) : createMemoryCommandBus();
  return { handle, bus, commands, unlock };
}

/**
 * The composition root: database, bus, tRPC over HTTP and WebSocket on one
 * port, /health and /metrics. Migrations run before the port opens.
 */
/**
 * How often a quiet WebSocket is pinged and how long its pong may take: ~7 s finds dead peers
 * (a laptop that slept, a dropped NAT mapping). A client too stalled to read the ping is cut
 * as well, and resumes from its last event id on reconnect.
 */
export const WS_KEEPALIVE = { pingMs: 4_000, pongWaitMs: 3_000 };

export async function startServer(opts: {
  env: ServerEnv;
  logger?: Logger;
  web?: WebApp;
  /** Overrides WS_KEEPALIVE (tests that hold a client paused longer than it allows). */
  keepAlive?: typeof WS_KEEPALIVE;
}): Promise<RunningServer> {
  const { env } = opts;
  const logger = opts.logger ?? createLogger(env.LOG_LEVEL);
  const { warning } = checkExposure({ host: env.HOST, explicitToken: env.MAESTRO_TOKEN });
  if (warning) logger.warn({ host: env.HOST }, warning);
  prepareDataDir(env, logger);
  const hostAllowed = createHostCheck({ host: env.HOST, allowed: env.MAESTRO_ALLOWED_HOSTS });
  const token = resolveServerToken({ envToken: env.MAESTRO_TOKEN, dataDir: env.MAESTRO_DATA_DIR });
  const { handle, bus, commands, unlock } = await openDatabase(env, logger);
  const metrics = createMetrics(handle, TRPC_PATH);
  const config = { runnerLeaseMs: env.MAESTRO_RUNNER_LEASE_MS, maxSessionsPerRunner: env.MAESTRO_RUNNER_MAX_SESSIONS };
  const limiter = createRateLimiter({
    mutationsPerSecond: env.MAESTRO_RATE_LIMIT_MUTATIONS_PER_S,
    mutationBurst: env.MAESTRO_RATE_LIMIT_MUTATION_BURST,
    spawnsPerMinute: env.MAESTRO_RATE_LIMIT_SPAWNS_PER_MIN,
    spawnBurst: env.MAESTRO_RATE_LIMIT_SPAWN_BURST,
  });
  const output = createOutputFeed();
  const revoker = createSocketRevoker(bus);
  // Every call at debug level (what, how long, how it ended, its request's and input's ids): never its input, which may hold secrets.
  const callHooks = (req: IncomingMessage, auth: Auth | null): ApiHooks => ({
    ...metrics.hooks,
    onTokenRevoked: (tokenId: string) => revoker.revokeToken(tokenId),
    onProcedure(info) {
      metrics.hooks.onProcedure?.(info);
      const ms = Math.round(info.durationMs * 10) / 10;
      logger.debug({ procedure: info.path, type: info.type, ms, code: info.code, ...lineIds(req, auth, info.input) }, 'call');
    },
  });
  const stillValid = credentialStillValid(handle.db);
  const contextFor = async (req: IncomingMessage, socket?: WebSocket) => {
    const auth = await authenticate(req, token.token, handle.db);
    if (socket) revoker.track(auth, socket);
    // A socket's credential is re-checked before each call; an HTTP request was just checked.
    // The calls of one HTTP request share a response budget; on a socket each answer is bounded alone.
    const responseBudget = socket ? undefined : createResponseBudget();
    return createContextInner({
      db: handle.db,
      bus,
      commands,
      output,
      config,
      auth,
      stillValid: socket ? stillValid : undefined,
      limiter,
      responseBudget,
      // Contexts are made once per socket: its subscriptions share one set of slots.
      subscriptions: socket ? createSubscriptionSlots() : undefined,
      hooks: callHooks(req, auth),
    });
  };
  const sweeper = startSweeper(createContextInner({ db: handle.db, bus, commands, output, config, hooks: metrics.hooks }), logger);
  const onError = ({
    error,
    path,
    input,
    req,
    ctx,
  }: {
    error: { code: string; message: string; cause?: unknown };
    path?: string | undefined;
    input?: unknown;
    req?: IncomingMessage;
    ctx?: { auth: Auth | null } | undefined;
  }) => {
    const ids = lineIds(req, ctx?.auth, input);
    if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error.cause ?? error, procedure: path, ...ids }, 'procedure failed');
    else logger.debug({ code: error.code, procedure: path, msg: error.message, ...ids }, 'procedure refused');
  };

  const trpcHttp = createHTTPHandler({
    router: appRouter,
    basePath: `${TRPC_PATH}/`,
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req, info }) => {
      // Refused before any call runs: every call of the batch answers TOO_LARGE (HTTP 413).
      if (info.calls.length > REQUEST_LIMITS.batchCalls) throw toTRPCError(batchTooLarge(info.calls.length));
      return contextFor(req);
    },
    onError,
  });

  const tokenHint = token.source.kind === 'file' ? token.source.path : 'the MAESTRO_TOKEN the server was started with';
  const web = opts.web ? createWebGateway({ serverToken: token.token, tokenHint, web: opts.web }) : null;

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    metrics.timeRequest(req, res, path);
    res.setHeader('x-request-id', requestIdOf(req));
    if (!ALLOWED_METHODS.has(req.method ?? '')) {
      res.setHeader('allow', [...ALLOWED_METHODS].join(', '));
      return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${req.method} is not supported`, hint: 'Use GET or POST.' } });
    }
    if (!hostAllowed(req.headers.host)) return refuseHost(res, req.headers.host);
    if (path === '/health') {
      void checkHealth(handle).then((health) => {
        if (!health.database.ok) metrics.dbErrors.inc();
        sendJson(res, health.status === 'ok' ? 200 : 503, health);
      });
      return;
    }
    if (path === '/metrics') {
      void metrics.registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(text);
      });
      return;
    }
    if (path?.startsWith(`${TRPC_PATH}/`)) return trpcHttp(req, res);
    if (web) {
      web.handleRequest(req, res).catch((error: unknown) => {
        logger.error({ err: error, path, requestId: requestIdOf(req) }, 'dashboard request failed');
        if (!res.headersSent) sendJson(res, 500, { error: { code: 'INTERNAL', message: 'The dashboard failed to render this page' } });
        else res.end();
      });
      return;
    }
    sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `No route ${path}`, hint: `The API is at ${TRPC_PATH}; see /health.` } });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
  const wsHandler = applyWSSHandler({
    wss,
    router: appRouter,
    createContext: ({ req, res }) => contextFor(req, res),
    onError,
    keepAlive: { enabled: true, ...(opts.keepAlive ?? WS_KEEPALIVE) },
  });
  wss.on('connection', (socket) => {
    metrics.wsConnections.inc();
    socket.once('close', () => metrics.wsConnections.dec());
  });
  const sockets = createSocketCounter();
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!hostAllowed(req.headers.host)) return refuse('403 Forbidden');
    if (path !== TRPC_PATH) return web ? web.handleUpgrade(req, socket, head) : refuse('404 Not Found');
    if (!originAllowed(req)) return refuse('403 Forbidden');
    void authenticate(req, token.token, handle.db).then(
      (auth) => {
        if (!auth) return refuse('401 Unauthorized');
        if (!sockets.admit(auth, socket)) return refuse('429 Too Many Requests');
        wss.handleUpgrade(req, socket, head, (ws) => {
          guardSocket(ws, (buffered) => {
            metrics.wsSlowConsumers.inc();
            logger.warn({ buffered, ...lineIds(req, auth) }, 'WebSocket client stopped reading: dropped (it resumes from its last event on reconnect)');
          });
          wss.emit('connection', ws, req);
        });
      },
      () => refuse('503 Service Unavailable'),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  const url = `http://${host}:${port}`;
  logger.info({ url, database: handle.kind }, 'maestro server listening');

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      logger.info('shutting down: refusing new connections, asking WebSocket clients to reconnect');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      wsHandler.broadcastReconnectNotification();
      server.closeIdleConnections();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, env.MAESTRO_SHUTDOWN_GRACE_MS).unref());
      for (const client of wss.clients) client.close(1012, 'server restarting');
      await Promise.race([closed, grace]);
      server.closeAllConnections();
      for (const client of wss.clients) client.terminate();
      wss.close();
      sweeper.stop();
      revoker.close();
      await opts.web?.close();
      await commands.close();
      await bus.close();
      await handle.close();
      unlock();
      logger.info('shutdown complete');
    })());

  return { url, port, token, db: handle, close };
}
