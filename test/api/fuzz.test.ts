/**
 * A fuzz suite over the whole API, from its own OpenAPI document: for every operation, malformed requests
 * (wrong types, missing fields, over-long text, NULs, lone surrogates, bytes that are not UTF-8, huge numbers,
 * hexadecimal and fractional ids, bad enumerations, lists for objects, deep and broken JSON, wrong content
 * types, broken multipart uploads, junk cookies and Accept-Language), each sent anonymously and as the city
 * admin. Every one must be refused with a 4xx in the one error shape, in our own words, and change no row.
 * Seeded (FUZZ_SEED=<n> replays a run, FUZZ_SEED=random tries a new one; the seed is printed); bounded by
 * the number of field cases per operation (FUZZ_FIELD_CASES, default 30).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { casesFor, withJunkHeaders, type FuzzCase } from '../helpers/fuzz/cases.ts';
import { operationsOf } from '../helpers/fuzz/openapi.ts';
import { Prng, fuzzSeed } from '../helpers/fuzz/prng.ts';
import { describeFailure, runFuzz } from '../helpers/fuzz/run.ts';
import { buildWorld, type World } from '../helpers/fuzz/world.ts';

const seed = fuzzSeed();
const maxFieldCases = Number(process.env.FUZZ_FIELD_CASES ?? 30);

describe.each(engines())('fuzzing the API on %s', (engine) => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    // thousands of refused writes from one account: the write and sign-in limits would answer them all with 429
    // before the request is even read, which says nothing about how the request itself is handled
    t = await startApp(engine, { RATE_LIMIT_WRITES_PER_MINUTE: '1000000', RATE_LIMIT_LOGINS_PER_MINUTE: '1000000', RATE_LIMIT_SIGNUPS_PER_HOUR: '1000000' });
    world = await buildWorld(t);
  });
  afterAll(async () => t?.close());

  it(`refuses every malformed request with a 4xx in the one error shape and changes no row (seed ${seed})`, async () => {
    const prng = new Prng(seed);
    const ops = operationsOf(t.app.swagger() as never);
    const batches = ops.map((op) => {
      const cases: FuzzCase[] = casesFor(op, { prng, pathValues: world.pathValues(op.path), baselineBody: world.baselineBody(op.id), maxFieldCases });
      if (cases.length) cases.push(...withJunkHeaders(prng.pick(cases), prng));
      return { operation: op.id, cases };
    });
    // tables a refused request may rightly change: a session notes when it was last used, the rate limiter
    // counts every request
    const report = await runFuzz(t, batches, ['anonymous', 'admin'], { unfingerprinted: ['sessions', 'rate_limit_hits'] });
    const cases = batches.reduce((n, b) => n + b.cases.length, 0);
    console.log(
      `[fuzz ${engine}] seed ${seed} (FUZZ_SEED=${seed} to replay): ${ops.length} operations, ${batches.filter((b) => b.cases.length).length} with input, ` +
        `${cases} cases × 2 roles = ${report.requests} requests in ${(report.ms / 1000).toFixed(1)} s; ${report.failures.length} failures\n` +
        `  answers: ${Object.entries(report.statuses)
          .sort()
          .map(([k, n]) => `${k}: ${n}`)
          .join(', ')}`,
    );
    expect(report.failures.map(describeFailure)).toEqual([]);
    // bounded by its case count, not by this: a margin for a loaded machine
  }, 600_000);
});
