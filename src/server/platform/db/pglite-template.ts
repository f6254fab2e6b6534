/**
 * The migrated, empty embedded database kept as a tarball, so that a fresh DATA_DIR — and every in-memory
 * database an API test opens — starts from it instead of running PGlite's initdb (5–7 s of CPU: a second
 * WebAssembly instance runs initdb and its files are copied) and then every migration (~2 s).
 *
 * The file is named by PGlite's version and a hash of the migrations' contents, so an added or edited
 * migration, or another PGlite, never loads a stale one: it is simply not found, the database is made the
 * slow way, and that database, once migrated, is dumped as the new template (`keepAsTemplate`). npm install's
 * postinstall makes it (scripts/prepare-database-template.ts), so the first `npm start` of a fresh clone
 * already finds it. It lives in node_modules/.cache: built on each machine, never committed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../app-root.ts';
import { MIGRATIONS_DIR } from './migrations-dir.ts';

const TEMPLATE_DIR = fromRoot('node_modules/.cache/kefutong');

function pgliteVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(fromRoot('node_modules/@electric-sql/pglite/package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/** Where the template for this PGlite and these migrations is (or would be). */
export function templatePath(): string {
  const hash = crypto.createHash('sha256');
  for (const file of fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(path.join(MIGRATIONS_DIR, file)))
      .update('\0');
  }
  return path.join(TEMPLATE_DIR, `pglite-${pgliteVersion()}-${hash.digest('hex').slice(0, 16)}.tar`);
}

/** The template's tarball, when one was made for these migrations. */
export function readTemplate(file = templatePath()): Blob | undefined {
  try {
    return new Blob([fs.readFileSync(file)]);
  } catch {
    return undefined;
  }
}

/** Writes the template atomically (several test processes may make one at the same moment). */
export async function writeTemplate(dump: Blob, file = templatePath()): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(partial, file);
}
