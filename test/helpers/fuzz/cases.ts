/**
 * Malformed requests for one operation of the OpenAPI document. Every case breaks the operation's declared
 * contract (or a bound any sane contract has: no field takes 100,000 characters, 2^53 or a thousand list items),
 * so every one of them must be refused with a 4xx in the one error shape, and none may change a row.
 * Each case changes one thing of a baseline request that is as valid as the schema can tell.
 */
import type { JsonSchema, Operation, Param } from './openapi.ts';
import { example, mainBranch, typesOf, wrongTypeValue } from './values.ts';
import type { Prng } from './prng.ts';

export interface FuzzCase {
  operation: string;
  mutation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

export interface CaseContext {
  prng: Prng;
  /** a valid value for each path parameter of this operation (an existing row, so handlers run) */
  pathValues: Record<string, string>;
  /** a valid body to mutate, where the schema alone cannot make one */
  baselineBody?: unknown;
  /** at most this many field-level cases per operation (sampled by the PRNG); the request-level ones are all kept */
  maxFieldCases: number;
}

const JSON_CT = { 'content-type': 'application/json' };
const HUGE_TEXT = 100_001;
/** over Fastify's bodyLimit (2 MB): built once */
const OVERSIZED = `{"x":"${'x'.repeat(2.2 * 1024 * 1024)}"}`;

const deepJson = (levels: number) => `${'{"a":['.repeat(levels)}1${']}'.repeat(levels)}`;

/** The URL of the operation with raw (already encoded) path values and query pairs. */
function urlOf(op: Operation, path: Record<string, string>, query: [string, string][]): string {
  const p = op.path.replace(/\{(\w+)\}/g, (_, name) => path[name] ?? '1');
  return query.length ? `${p}?${query.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&')}` : p;
}

const enc = (v: unknown) => encodeURIComponent(String(v));

/** Raw (percent-encoded) values that no integer id or whole-number parameter accepts. */
const BAD_INTEGERS = [
  '0x10',
  '1e1',
  '-1',
  '1.5',
  '%201',
  '1%20',
  '01',
  '9007199254740992',
  '99999999999999999999',
  'abc',
  '',
  '%00',
  '%FF',
  '%ED%A0%80',
  '1%00',
];
/** Raw values no decimal parameter (hours, seconds) accepts. */
const BAD_DECIMALS = ['0x10', '1e1', 'abc', '', '-1', 'Infinity', 'NaN', '1.', '%00', '%FF', '99999999999999999999'];
/** Raw values no text parameter accepts: a NUL, bytes that are not UTF-8, an encoded lone surrogate. */
const BAD_TEXTS = ['%00', 'ab%00cd', '%FF', '%C3%28', '%ED%A0%80', '%E0%A4%A'];

/**
 * Bad values of one URL parameter. Every parameter of a kind is read by the same shared schema (IdParam,
 * queryInt, the text check), so each gets a PRNG sample of its kind's bad values; across the operations
 * every bad value is sent many times.
 */
function paramCases(param: Param, prng: Prng): [string, string][] {
  const s = mainBranch(param.schema);
  const types = typesOf(param.schema);
  const values: [string, string][] = [];
  if (s.type === 'integer') for (const v of prng.sample(BAD_INTEGERS, 6)) values.push([`bad integer ${JSON.stringify(v)}`, v]);
  else if (types?.has('number')) for (const v of prng.sample(BAD_DECIMALS, 6)) values.push([`bad number ${JSON.stringify(v)}`, v]);
  else if (s.enum) {
    values.push(['bad enum value', 'not_a_value']);
    for (const v of prng.sample(BAD_TEXTS, 2)) values.push([`bad text ${v}`, v]);
  } else {
    for (const v of prng.sample(BAD_TEXTS, 3)) values.push([`bad text ${v}`, v]);
    if (s.maxLength !== undefined && s.maxLength < 180) values.push([`over maxLength ${s.maxLength}`, 'x'.repeat(s.maxLength + 1)]);
    if (s.format === 'date-time' || s.format === 'date' || s.pattern?.startsWith('^\\d{4}-'))
      values.push(['not a date', 'not-a-date'], ['no such day', '2027-02-30T09:00:00%2B08:00']);
    if (s.format === 'uuid') values.push(['not a uuid', 'not-a-uuid']);
  }
  if (param.in === 'path') values.push(['over maxParamLength', 'x'.repeat(250)]);
  return values.map(([name, v]) => [`${param.in}.${param.name}: ${name}`, v]);
}

/** Every property slot of a body (top level, inside nested objects and the first item of lists), to mutate one at a time. */
function slots(
  schema: JsonSchema,
  value: unknown,
  path: (string | number)[] = [],
  depth = 0,
): { path: (string | number)[]; schema: JsonSchema; required: boolean }[] {
  const s = mainBranch(schema);
  const out: { path: (string | number)[]; schema: JsonSchema; required: boolean }[] = [];
  if (depth > 3) return out;
  if (s.type === 'object' && s.properties) {
    for (const [key, sub] of Object.entries(s.properties)) {
      out.push({ path: [...path, key], schema: sub, required: (s.required ?? []).includes(key) });
      const v = (value as Record<string, unknown> | undefined)?.[key];
      out.push(...slots(sub, v ?? example(sub, key, depth + 1), [...path, key], depth + 1));
    }
  } else if (s.type === 'array' && s.items && Array.isArray(value) && value.length > 0) {
    out.push(...slots(s.items, value[0], [...path, 0], depth + 1));
  }
  return out;
}

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

/** body with the value at path replaced (undefined: removed); missing parents are made. */
function setAt(body: unknown, path: (string | number)[], value: unknown): unknown {
  const root = clone(body) ?? {};
  let cur = root as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    if (cur[k] === undefined || cur[k] === null || typeof cur[k] !== 'object') cur[k] = typeof path[i + 1] === 'number' ? [] : {};
    cur = cur[k] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return root;
}

/** Field-level mutations of one slot: each certainly outside what the field accepts. */
function slotMutations(slot: { path: (string | number)[]; schema: JsonSchema; required: boolean }, prng: Prng): [string, unknown][] {
  const s = mainBranch(slot.schema);
  const types = typesOf(slot.schema);
  const ex = example(slot.schema, String(slot.path[slot.path.length - 1]));
  const out: [string, unknown][] = [];
  if (slot.required) out.push(['missing required', undefined]);
  const wrong = wrongTypeValue(slot.schema, (xs) => prng.pick(xs));
  if (wrong !== undefined) out.push([`wrong type ${JSON.stringify(wrong)}`, wrong]);
  if (types?.has('string')) {
    const text = typeof ex === 'string' && ex ? ex : '文本';
    out.push(['null byte', `${text}\u0000`]);
    out.push(['lone surrogate \\ud800', `${text}\ud800`]);
    out.push(['lone surrogate \\udfff', `\udfff${text}`]);
    out.push(['U+FFFD', `${text}\ufffd`]);
    out.push([`over-long (${Math.min((s.maxLength ?? HUGE_TEXT) + 1, HUGE_TEXT)} chars)`, 'x'.repeat(Math.min((s.maxLength ?? HUGE_TEXT - 1) + 1, HUGE_TEXT))]);
    if (s.enum) out.push(['bad enum value', 'not_a_value']);
    if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') out.push(['no such day', '2027-02-30']);
    if (s.pattern?.startsWith('^\\d{4}-\\d{2}-\\d{2}T')) out.push(['no such day', '2027-02-30T09:00:00+08:00'], ['no such hour', '2027-03-01T25:00:00+08:00']);
  }
  if (types?.has('number') || types?.has('integer')) {
    // 2^53 − 1 is a well-formed id (of no row): only other numbers are too big to mean anything
    if (!/(^id|Id)$/.test(String(slot.path[slot.path.length - 1]))) out.push(['huge number 2^53-1', Number.MAX_SAFE_INTEGER]);
    out.push(['huge number 1e300', 1e300]);
    if ((s.minimum ?? s.exclusiveMinimum ?? -1) >= 0) out.push(['negative number', -1]);
    if (s.type === 'integer') out.push(['fraction', 1.5]);
  }
  if (types?.has('array')) {
    const item = Array.isArray(ex) && ex.length ? ex[0] : s.items ? example(s.items, '', 1) : 'x';
    const n = s.maxItems !== undefined ? s.maxItems + 1 : 1001;
    out.push([`too many items (${n})`, Array.from({ length: n }, () => clone(item))]);
    if (!types.has('object')) out.push(['object where a list goes', { 0: item }]);
    if (s.items?.enum || (s.items && mainBranch(s.items).enum)) out.push(['bad enum item', ['not_a_value']]);
  }
  if (types?.has('object') && !types.has('array')) out.push(['list where an object goes', [ex]]);
  return out;
}

/** The malformed requests of one operation (without the caller's cookie: the runner adds it). */
export function casesFor(op: Operation, ctx: CaseContext): FuzzCase[] {
  const { prng } = ctx;
  const path = { ...ctx.pathValues };
  for (const p of op.params.filter((x) => x.in === 'path')) path[p.name] ??= enc(example(p.schema, p.name));
  const query: [string, string][] = op.params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, enc(example(p.schema, p.name))]);
  const cases: FuzzCase[] = [];
  const add = (mutation: string, c: Partial<FuzzCase> & { url?: string }) =>
    cases.push({ operation: op.id, mutation, method: op.method, url: c.url ?? urlOf(op, path, query), headers: c.headers ?? {}, payload: c.payload });
  const baseBody = op.body ? (ctx.baselineBody ?? example(op.body)) : undefined;
  const bodyOf = (b: unknown) => (op.body ? { headers: JSON_CT, payload: JSON.stringify(b) } : {});

  // the URL: each parameter in turn, the rest of the request as valid as can be
  for (const p of op.params) {
    for (const [name, raw] of paramCases(p, prng)) {
      const url = p.in === 'path' ? urlOf(op, { ...path, [p.name]: raw }, query) : urlOf(op, path, [...query.filter(([k]) => k !== p.name), [p.name, raw]]);
      add(name, { url, ...bodyOf(baseBody) });
    }
    if (p.in === 'query' && p.required)
      add(`query.${p.name}: missing required`, {
        url: urlOf(
          op,
          path,
          query.filter(([k]) => k !== p.name),
        ),
        ...bodyOf(baseBody),
      });
    if (p.in === 'query' && !typesOf(p.schema)?.has('array'))
      add(`query.${p.name}: given twice`, {
        url: urlOf(op, path, [...query.filter(([k]) => k !== p.name), [p.name, 'a'], [p.name, 'b']]),
        ...bodyOf(baseBody),
      });
  }

  // a path parameter that is wrong, with a body: validation of the URL answers before the body is used
  const badPath = op.params.find((p) => p.in === 'path');

  if (op.body) {
    // the body as a whole
    add('bad JSON', { headers: JSON_CT, payload: '{"a":' });
    add('empty JSON body', { headers: JSON_CT, payload: '' });
    add('JSON body is a list', { headers: JSON_CT, payload: JSON.stringify([baseBody]) });
    add('JSON body is text', { headers: JSON_CT, payload: '"text"' });
    add('JSON body is null', { headers: JSON_CT, payload: 'null' });
    add('JSON body is a number', { headers: JSON_CT, payload: '1e999' });
    add('JSON nested 200 deep', { headers: JSON_CT, payload: deepJson(200) });
    add('__proto__ key', { headers: JSON_CT, payload: '{"__proto__":{"admin":true}}' });
    add('constructor.prototype key', { headers: JSON_CT, payload: '{"constructor":{"prototype":{"admin":true}}}' });
    add('body over the 2 MB limit', { headers: JSON_CT, payload: OVERSIZED });
    add('wrong content-type text/plain', { headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(baseBody) });
    add('wrong content-type form', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1&b=2' });
    add('wrong content-type xml', { headers: { 'content-type': 'application/xml' }, payload: '<a>1</a>' });
    add('content-type without a type', { headers: { 'content-type': ';charset=utf-8' }, payload: JSON.stringify(baseBody) });
    add('invalid UTF-8 bytes in JSON', {
      headers: JSON_CT,
      payload: Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}')]),
    });
    if (badPath) add(`path.${badPath.name}: bad with a valid body`, { url: urlOf(op, { ...path, [badPath.name]: '0x1' }, query), ...bodyOf(baseBody) });

    // one field at a time (sampled)
    const fieldCases: [string, unknown][] = [];
    for (const slot of slots(op.body, baseBody)) {
      for (const [name, value] of slotMutations(slot, prng)) fieldCases.push([`body.${slot.path.join('.')}: ${name}`, setAt(baseBody, slot.path, value)]);
    }
    for (const [name, body] of prng.sample(fieldCases, ctx.maxFieldCases)) add(name, { headers: JSON_CT, payload: JSON.stringify(body) });
  }

  if (op.upload) {
    const mp = (boundary: string) => ({ 'content-type': `multipart/form-data; boundary=${boundary}` });
    const part = (name: string, filename: string | null, body: string) =>
      `--xx\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\nContent-Type: text/csv\r\n\r\n${body}\r\n`;
    add('multipart cut short', { headers: mp('xx'), payload: `--xx\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nbroken` });
    add('multipart without a boundary', { headers: { 'content-type': 'multipart/form-data' }, payload: part('file', 'a.csv', 'a,b') });
    add('multipart with another boundary', { headers: mp('yy'), payload: `${part('file', 'a.csv', 'a,b')}--xx--\r\n` });
    add('multipart with no parts', { headers: mp('xx'), payload: '--xx--\r\n' });
    add('multipart without the file', { headers: mp('xx'), payload: `${part('other', null, 'value')}--xx--\r\n` });
    add('multipart with a broken part header', { headers: mp('xx'), payload: `--xx\r\nContent-Disposition form-data name=file\r\n\r\nx\r\n--xx--\r\n` });
    add('upload sent as JSON', { headers: JSON_CT, payload: '{"file":"a,b"}' });
    add('upload with no body', {});
  }

  return cases;
}

/** Junk headers (a PRNG sample of `n`), each added to an already malformed case: they must not change how it is refused. */
export function withJunkHeaders(c: FuzzCase, prng: Prng, n = 2): FuzzCase[] {
  const junk: [string, Record<string, string>][] = [
    ['bad cookie', { cookie: 'kft_session=%E0%A4%A; ;;==; kft_session=; x=\u00ff' }],
    ['bad cookie (forged token)', { cookie: `kft_session=${'a'.repeat(prng.int(1, 4000))}` }],
    ['bad accept-language', { 'accept-language': 'zz-ZZ;q=abc, *;q=-1, ;;, en;q=NaN, zh;q=1e999' }],
    ['bad accept-language (long)', { 'accept-language': `${'en-US,'.repeat(1000)}zh` }],
    ['bad x-request-id', { 'x-request-id': 'x'.repeat(500) }],
  ];
  return prng.sample(junk, n).map(([name, headers]) => ({ ...c, mutation: `${c.mutation} + ${name}`, headers: { ...c.headers, ...headers } }));
}
