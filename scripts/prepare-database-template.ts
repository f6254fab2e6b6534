/**
 * Run by npm install (postinstall, through scripts/prepare-start.mjs): makes the embedded database's template
 * (src/server/platform/db/pglite-template.ts) for the migrations of this checkout, so that the first `npm start`
 * on a fresh DATA_DIR and the API tests' in-memory databases skip PGlite's initdb and the migrations.
 */
import fs from 'node:fs';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { migrate } from '../src/server/platform/db/migrate.ts';
import { templatePath } from '../src/server/platform/db/pglite-template.ts';

const file = templatePath();
if (fs.existsSync(file)) {
  console.log(`[database template] ${file} is current.`);
} else {
  const started = Date.now();
  const db = await openDatabase({});
  await migrate(db);
  await db.close();
  console.log(`[database template] made ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
