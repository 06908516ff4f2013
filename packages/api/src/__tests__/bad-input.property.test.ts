import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toErrorBody } from '../errors.js';
import { appRouter } from '../router.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { createFixture } from './fixture.js';
import { rowCounts } from './helpers.js';
import { invoke, PROCEDURES, type Fixture } from './procedures.js';

/**
 * Property: whatever a caller sends, a procedure answers with a result or a
 * coded error that is not INTERNAL (never a 500), the process survives, and a
 * refused call writes nothing. Inputs are generated around each procedure's
 * valid input: one field (at any depth) replaced by hostile data — lone UTF-16
 * surrogates, NUL bytes, huge, negative and non-finite numbers, deep nesting,
 * prototype keys — or the whole input replaced. At least 10,000 inputs a run.
 */
const TOTAL_RUNS = 10_000;
const SUBSCRIPTION_FIRST_ITEM_MS = 25;

const hostileChar = fc.oneof(
  fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\u0000', '\ufffe', '\uffff', '\u202e', '\u0007', '%', "'", '\\', '"', '😀'.slice(0, 1)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
);
const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: hostileChar, maxLength: 40 }) },
  // Near and past the limits: titles 200, names 100, descriptions 20,000, reasons 2,000, comments 10,000.
  { weight: 1, arbitrary: fc.constantFrom(100, 101, 200, 201, 2_000, 2_001, 10_001, 20_001, 70_000).map((n) => 'x'.repeat(n)) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('prj_', 'tsk_', 'ses_', 'run_', '', '/'), fc.string({ unit: hostileChar, maxLength: 12 })).map(([a, b]) => a + b),
  },
  { weight: 1, arbitrary: fc.constantFrom('1', '-1', '1e400', '99999999999999999999', 'NaN', '0x10', ' 1 ', 'null', '__proto__') },
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31),
    -(2 ** 31) - 1,
    2 ** 53,
    Number.MAX_SAFE_INTEGER + 2,
    -1,
    -0,
    0.5,
    1e308,
    -1e308,
    2 ** 63,
    NaN,
    Infinity,
    -Infinity,
  ),
  fc.double(),
);
const leaf = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null), fc.constant(undefined));
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];
const prototypeObject = fc
  .tuple(fc.constantFrom(...PROTO_KEYS), leaf)
  // Parsed from JSON, as the server receives it: `__proto__` becomes an own key, not a prototype.
  .map(([key, value]) => JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value ?? null)}}`) as unknown);
const deepNesting = fc.tuple(fc.integer({ min: 50, max: 2_000 }), fc.boolean()).map(([depth, asArray]) => {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
});
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: leaf },
  { weight: 1, arbitrary: prototypeObject },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, leaf, { maxKeys: 3 }) },
);

type Path = (string | number)[];

/** Every place in a valid input where a value sits (object fields and array items, at any depth). */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}

function setAt(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head!] = setAt(copy[head!], rest, next);
  return copy;
}

/** Hostile inputs around a valid one: a field replaced, a field added (prototype keys too), or all of it replaced. */
function inputsAround(valid: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(valid);
  const strings = paths.filter((p) => typeof p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], valid) === 'string');
  const options: fc.Arbitrary<unknown>[] = [hostile];
  if (paths.length > 0) options.push(fc.tuple(fc.constantFrom(...paths), hostile).map(([path, value]) => setAt(valid, path, value)));
  if (strings.length > 0) {
    // A valid string with a hostile character inside it: what reaches the database.
    options.push(
      fc.tuple(fc.constantFrom(...strings), hostileChar, fc.boolean()).map(([path, ch, atEnd]) => {
        const current = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], valid) as string;
        return setAt(valid, path, atEnd ? `${current}${ch}` : `${ch}${current}`);
      }),
    );
  }
  if (valid && typeof valid === 'object' && !Array.isArray(valid)) {
    options.push(fc.tuple(fc.constantFrom(...PROTO_KEYS, 'unexpected'), hostile).map(([key, value]) => ({ ...valid, [key]: value })));
  }
  return fc.oneof(...options);
}

const procedureType = (path: string) => (appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)[path]!._def.type;

/** A subscription validates its input when called; its first item (if any comes quickly) is read too. */
async function call(h: Harness, path: string, input: unknown): Promise<void> {
  const result = await invoke(h.caller, path, input);
  if (procedureType(path) !== 'subscription') return;
  const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  try {
    await Promise.race([iterator.next(), new Promise((r) => setTimeout(r, SUBSCRIPTION_FIRST_ITEM_MS))]);
  } finally {
    void iterator.return?.();
  }
}

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('hostile input never becomes a 500, a crash or a partial write', () => {
  const runs = Math.ceil(TOTAL_RUNS / PROCEDURES.length);
  let total = 0;

  test.each(PROCEDURES.map((p) => ({ ...p, name: p.path })))('$name', { timeout: 600_000 }, async ({ path, valid }) => {
    // A fresh fixture per procedure: an input that happens to be valid may delete or finish what it names.
    const f: Fixture = await createFixture(h);
    const mutation = procedureType(path) === 'mutation';
    await fc.assert(
      fc.asyncProperty(inputsAround(valid(f)), async (input) => {
        total++;
        const before = mutation ? await rowCounts(h) : null;
        try {
          await call(h, path, input);
        } catch (error) {
          expect(error, `${path} threw a non-tRPC error`).toBeInstanceOf(TRPCError);
          const err = error as TRPCError;
          const body = toErrorBody(err);
          expect(err.code, `${path} → 500: ${String(err.cause?.message ?? err.message)}`).not.toBe('INTERNAL_SERVER_ERROR');
          expect(body.code).not.toBe('INTERNAL');
          if (before) expect(await rowCounts(h), `${path}: a refused call wrote rows`).toEqual(before);
        }
      }),
      { numRuns: runs, endOnFailure: true },
    );
  });

  test(`at least ${TOTAL_RUNS} inputs were tried`, () => {
    expect(total).toBeGreaterThanOrEqual(TOTAL_RUNS);
  });
});
