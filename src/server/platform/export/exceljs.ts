/**
 * exceljs, with one correction. Its streaming xlsx reader decodes every chunk of the unzipped
 * XML to text on its own (lib/utils/parse-sax.js), so a Chinese character whose UTF-8 bytes
 * straddle two chunks turns into "���" — in our benchmark, 3 rows of 5,000 were corrupted.
 * We load our own instance of exceljs with a copy of that small module in Node's module cache
 * that decodes with one streaming TextDecoder per file, which keeps split characters whole.
 * If something loaded exceljs before us (a test file could; their setup file sees that none does), its cached modules are set aside
 * while ours load and put back afterwards, so the fix never depends on import order. Everything
 * else is exceljs as published. test/api/import-export.test.ts imports a large Chinese xlsx
 * written with inline strings (as our export writes them) to prove it.
 * Loaded on first use (excelJS()), not at start: exceljs and its dependencies take about 0.5–0.9 s of CPU to
 * load, a sixth of the server's start on existing data, for the few requests that import or export.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const exceljsDir = require.resolve('exceljs/package.json').replace(/package\.json$/, '');
const fromExceljs = createRequire(`${exceljsDir}package.json`);
const parseSaxPath = fromExceljs.resolve('./lib/utils/parse-sax.js');

/** exceljs's lib/utils/parse-sax.js, decoding with one streaming TextDecoder per file. */
function patchedParseSaxModule(): NodeJS.Module {
  const { SaxesParser } = fromExceljs('saxes');
  const { PassThrough } = fromExceljs('readable-stream');
  type Event = { eventType: string; value: unknown };
  async function* parseSax(iterable: AsyncIterable<Uint8Array | string> & { pipe?: unknown }) {
    if (iterable.pipe && !(Symbol.asyncIterator in iterable)) iterable = (iterable as unknown as NodeJS.ReadableStream).pipe(new PassThrough());
    const parser = new SaxesParser();
    const decoder = new TextDecoder('utf-8');
    let error: unknown;
    let events: Event[] = [];
    parser.on('error', (err: unknown) => (error = err));
    parser.on('opentag', (value: unknown) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value: unknown) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value: unknown) => events.push({ eventType: 'closetag', value }));
    for await (const chunk of iterable) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      if (error) throw error;
      yield events;
      events = [];
    }
    const rest = decoder.decode();
    if (rest) {
      parser.write(rest);
      if (error) throw error;
      yield events;
    }
  }
  const Module = fromExceljs('module');
  const m = new Module(parseSaxPath);
  m.filename = parseSaxPath;
  m.loaded = true;
  m.exports = parseSax;
  return m;
}

/**
 * Loads exceljs with the corrected parser. When nothing has loaded exceljs yet (the server, always; the tests,
 * whose setup file calls excelJS() first), the corrected copy simply stays in Node's module cache: whoever
 * requires exceljs later gets it too, and its own lazy requires at read time find its own modules. When another
 * copy is already loaded, that copy's cached modules are set aside while ours load and put back afterwards.
 */
function loadPatchedExcelJS(): typeof import('exceljs') {
  const own = (key: string) => key.startsWith(exceljsDir);
  const previous = Object.entries(require.cache).filter(([key]) => own(key));
  if (!previous.length) {
    require.cache[parseSaxPath] = patchedParseSaxModule();
    return require('exceljs') as typeof import('exceljs');
  }
  for (const [key] of previous) delete require.cache[key];
  require.cache[parseSaxPath] = patchedParseSaxModule();
  try {
    return require('exceljs') as typeof import('exceljs');
  } finally {
    for (const key of Object.keys(require.cache)) if (own(key)) delete require.cache[key];
    for (const [key, mod] of previous) require.cache[key] = mod;
  }
}

let loaded: typeof import('exceljs') | null = null;

/**
 * exceljs with the corrected parser, loaded at the first call: about 0.5–0.7 s of CPU that a start would pay for
 * the few requests that import or export (the restart target is 3 s).
 */
export function excelJS(): typeof import('exceljs') {
  loaded ??= loadPatchedExcelJS();
  return loaded;
}
