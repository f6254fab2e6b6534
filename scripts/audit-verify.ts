/**
 * `npm run audit:verify`: recomputes the audit trail's hash chain on the configured database
 * (DATABASE_URL, or the embedded one in DATA_DIR) and names the first entry that does not fit.
 * Exit 0 when the chain is whole, 1 when it is broken, 2 when the database cannot be read.
 */
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/platform/db/database.ts';
import { verifyAuditChain } from '../src/server/platform/audit/index.ts';

const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 }).catch((err) => {
  console.error(`cannot open the database: ${(err as Error).message}`);
  process.exit(2);
});
try {
  const r = await verifyAuditChain(db);
  if (r.ok) {
    console.log(`audit chain OK: ${r.checked} entries${r.firstId ? ` (#${r.firstId}–#${r.lastId})` : ''}`);
  } else {
    console.log(`audit chain BROKEN at entry #${r.broken!.id}: ${r.broken!.reason} (${r.checked} entries before it are intact)`);
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
