import type postgres from 'postgres';

/**
 * Statements with at most this many parameters are kept prepared per
 * connection. Longer ones are mostly multi-row inserts and `in (…)` lists,
 * whose text changes with their length: preparing each shape would fill
 * every backend's plan cache with one-off statements.
 */
const MAX_PREPARED_PARAMETERS = 32;

type UnsafeOptions = { prepare?: boolean } & Record<string, unknown>;

/**
 * Lets drizzle's queries use postgres.js's prepared-statement cache.
 *
 * drizzle-orm's postgres-js driver passes `prepare: false` on every query (so
 * it works behind PgBouncer's transaction mode). postgres.js then sends an
 * unnamed statement with parameters as Parse+Describe, waits for the answer,
 * and only then Bind+Execute: two round trips, and PostgreSQL parses and plans
 * the text every time. A claim made ~9 such queries; prepared, each is one
 * round trip and is planned once per connection (bench/claim-race.bench.mjs
 * prints the CPU per claim this saves). PgBouncer ≥ 1.21 supports prepared
 * statements in transaction mode (`max_prepared_statements`).
 *
 * The wrapper covers the pool's `unsafe`, and the `begin`/`savepoint`
 * clients drizzle runs transactions on; everything else passes through.
 */
export function withPreparedStatements<S extends postgres.Sql | postgres.TransactionSql>(sql: S): S {
  return new Proxy(sql, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (key === 'unsafe') {
        return (query: string, params?: unknown[], options?: UnsafeOptions) =>
          (target.unsafe as (q: string, p?: unknown[], o?: UnsafeOptions) => unknown)(query, params, {
            ...options,
            prepare: (params?.length ?? 0) > 0 && (params?.length ?? 0) <= MAX_PREPARED_PARAMETERS,
          });
      }
      if (key === 'begin' || key === 'savepoint') {
        // Both take an optional options string before the callback.
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const fn = args[last] as (tx: postgres.TransactionSql) => unknown;
          args[last] = (tx: postgres.TransactionSql) => fn(withPreparedStatements(tx));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}
