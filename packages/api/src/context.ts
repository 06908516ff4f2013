import type { Db } from '@maestro/db';
import type { Auth } from './auth.js';
import type { CommandBus } from './bus/commands.js';
import { NO_OUTPUT_FEED, type OutputFeed } from './bus/output-feed.js';
import type { EventBus } from './bus/types.js';
import type { RateLimiter } from './rate-limit.js';
import type { ResponseBudget } from './response-budget.js';
import type { SubscriptionSlots } from './subscription-slots.js';

/** Observability hooks the server wires to metrics; all optional so tests need none. */
export interface ApiHooks {
  /** `input` is the raw input, for the server to pick ids from (never log it whole: it may hold secrets). */
  onProcedure?(info: { path: string; type: string; durationMs: number; code: string; input?: unknown }): void;
  onEventsPublished?(count: number): void;
  /** Events handed to a subscriber (events.onEvent), one call per event. */
  onEventsDelivered?(count: number): void;
  onDatabaseError?(error: unknown): void;
  /** A named token was revoked here: the server ends its open sockets. */
  onTokenRevoked?(tokenId: string): void;
}

export interface ApiConfig {
  /** A runner silent for longer than this loses its live sessions. */
  runnerLeaseMs: number;
  /** Live sessions one runner takes at most; a spawn when every live runner is full is refused (LIMIT_REACHED). */
  maxSessionsPerRunner: number;
}

export const DEFAULT_API_CONFIG: ApiConfig = { runnerLeaseMs: 30_000, maxSessionsPerRunner: 32 };

export interface ContextInner {
  db: Db;
  bus: EventBus;
  commands: CommandBus;
  /** Live terminal output held in this process; shared by every request's context. */
  output: OutputFeed;
  config: ApiConfig;
  /** null: the request carried no valid token. */
  auth: Auth | null;
  /**
   * Set where `auth` was decided once for many calls (a WebSocket connection):
   * asked before every call whether a non-admin credential is still valid, so a
   * token revoked after the upgrade (its session ended) stops working at once.
   */
  stillValid?: ((auth: Auth) => Promise<boolean>) | undefined;
  /** Per-credential rate limits for mutations and spawns; none in router tests unless given. */
  limiter?: RateLimiter | undefined;
  /** One HTTP request's, shared by the calls of its batch; without one each answer alone is bounded. */
  responseBudget?: ResponseBudget | undefined;
  /** One WebSocket's, shared by the subscriptions it opens; none (no cap) over HTTP and in router tests unless given. */
  subscriptions?: SubscriptionSlots | undefined;
  hooks: ApiHooks;
}

/** The request-independent context: router tests call `createCaller(createContextInner(...))`. */
export function createContextInner(opts: {
  db: Db;
  bus: EventBus;
  commands: CommandBus;
  /** Omitted: output subscribers read every chunk from the database. */
  output?: OutputFeed;
  config?: ApiConfig;
  auth?: Auth | null;
  stillValid?: (auth: Auth) => Promise<boolean>;
  limiter?: RateLimiter;
  responseBudget?: ResponseBudget;
  subscriptions?: SubscriptionSlots;
  hooks?: ApiHooks;
}): ContextInner {
  return {
    db: opts.db,
    bus: opts.bus,
    commands: opts.commands,
    output: opts.output ?? NO_OUTPUT_FEED,
    config: opts.config ?? DEFAULT_API_CONFIG,
    auth: opts.auth === undefined ? { kind: 'admin' } : opts.auth,
    stillValid: opts.stillValid,
    limiter: opts.limiter,
    responseBudget: opts.responseBudget,
    subscriptions: opts.subscriptions,
    hooks: opts.hooks ?? {},
  };
}
