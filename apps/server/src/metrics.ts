import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiHooks } from '@maestro/api';
import { countSessionsByStatus, type DbHandle } from '@maestro/db';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The route label of a plain HTTP request: a handful of values, never the raw path (unbounded). */
function routeOf(path: string, trpcPath: string): string {
  if (path === '/health' || path === '/metrics') return path;
  if (path.startsWith(`${trpcPath}/`)) return trpcPath;
  return 'dashboard';
}

/** Gauges read from the database when scraped: sessions by status and the pool's connections. */
function databaseGauges(registry: Registry, handle: DbHandle, dbErrors: Counter) {
  new Gauge({
    name: 'maestro_sessions',
    help: 'Sessions by status (read from the database at scrape time)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      try {
        for (const [status, n] of Object.entries(await countSessionsByStatus(handle.db))) this.set({ status }, n);
      } catch {
        dbErrors.inc();
      }
    },
  });
  new Gauge({
    name: 'maestro_database_pool_connections',
    help: 'Database connections by state: in_use, idle, waiting (PGlite: calls queued; PostgreSQL: waiting for a lock), size',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      try {
        const pool = await handle.poolStats();
        this.set({ state: 'in_use' }, pool.inUse);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
        this.set({ state: 'size' }, pool.size);
      } catch {
        dbErrors.inc();
      }
    },
  });
}

/**
 * One registry per server instance (tests run several in one process).
 * Event-loop lag comes with the default metrics (`maestro_nodejs_eventloop_lag_*`,
 * from perf_hooks' monitorEventLoopDelay).
 */
export function createMetrics(handle: DbHandle, trpcPath: string) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'maestro_' });
  // prom-client names these gauges `_total`, which Prometheus reserves for counters (promtool rejects them).
  for (const name of ['active_handles_total', 'active_requests_total', 'active_resources_total']) {
    registry.removeSingleMetric(`maestro_nodejs_${name}`);
  }
  const requests = new Counter({
    name: 'maestro_rpc_requests_total',
    help: 'tRPC calls by procedure, type and result code',
    labelNames: ['procedure', 'type', 'code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'maestro_rpc_duration_seconds',
    help: 'tRPC call duration by procedure (subscriptions: their whole life)',
    labelNames: ['procedure', 'type'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const wsConnections = new Gauge({
    name: 'maestro_websocket_connections',
    help: 'Open WebSocket connections',
    registers: [registry],
  });
  const wsSlowConsumers = new Counter({
    name: 'maestro_websocket_slow_consumers_total',
    help: 'WebSocket connections dropped for holding too many unsent bytes (a client that stopped reading)',
    registers: [registry],
  });
  const eventsPublished = new Counter({
    name: 'maestro_events_published_total',
    help: 'Events committed to the event log by this process',
    registers: [registry],
  });
  const dbErrors = new Counter({
    name: 'maestro_database_errors_total',
    help: 'Database errors seen by API calls and health checks',
    registers: [registry],
  });
  const eventsDelivered = new Counter({
    name: 'maestro_events_delivered_total',
    help: 'Events handed to subscribers (events.onEvent), one per subscriber an event reaches',
    registers: [registry],
  });
  const http = new Histogram({
    name: 'maestro_http_request_duration_seconds',
    help: 'HTTP requests by route (/health, /metrics, /trpc, dashboard), method and status: latency and errors',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  databaseGauges(registry, handle, dbErrors);
  const heartbeats = new Counter({
    name: 'maestro_runner_heartbeats_total',
    help: 'Runner heartbeats received, by result code (a runner that stops beating loses its sessions after the lease)',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const hooks: ApiHooks = {
    onProcedure: ({ path, type, durationMs, code }) => {
      requests.inc({ procedure: path, type, code });
      if (path === 'runner.heartbeat') heartbeats.inc({ code });
      duration.observe({ procedure: path, type }, durationMs / 1000);
    },
    onEventsPublished: (n) => eventsPublished.inc(n),
    onEventsDelivered: (n) => eventsDelivered.inc(n),
    onDatabaseError: () => dbErrors.inc(),
  };
  /** Times one plain HTTP request from its start to its response's end (or abort). */
  const timeRequest = (req: IncomingMessage, res: ServerResponse, path: string) => {
    const method = req.method === 'GET' || req.method === 'HEAD' || req.method === 'POST' ? req.method : 'other';
    const end = http.startTimer({ route: routeOf(path, trpcPath), method });
    res.once('close', () => end({ status: String(res.statusCode) }));
  };
  return { registry, hooks, wsConnections, wsSlowConsumers, dbErrors, timeRequest };
}
export type Metrics = ReturnType<typeof createMetrics>;
