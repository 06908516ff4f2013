import type { ApiHooks } from '@maestro/api';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per server instance (tests run several in one process). */
export function createMetrics() {
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
    onDatabaseError: () => dbErrors.inc(),
  };
  return { registry, hooks, wsConnections, wsSlowConsumers, dbErrors };
}
export type Metrics = ReturnType<typeof createMetrics>;
