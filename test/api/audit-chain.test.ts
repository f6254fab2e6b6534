/**
 * The audit trail's chain on both engines: entries chain, an edit through SQL is refused, a tampered
 * entry (a DBA switching the trigger off) is named by the verifier, and retention keeps the chain whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/server/platform/db/sql.ts';
import { listAudit, purgeAudit, recordAudit, verifyAuditChain } from '../../src/server/platform/audit/index.ts';
import { engines, startApp, type TestApp } from '../helpers/app.ts';

describe.each(engines())('audit chain (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(engine);
  });
  afterAll(() => t?.close());

  it('chains entries, refuses edits, and names the first tampered entry', async () => {
    for (let i = 0; i < 5; i++) {
      await recordAudit(t.db, { type: 'test.event', actor: { id: 1, username: 'admin', role: 'admin' }, detail: { i, 名称: '测试' } });
    }
    // many writers at once still make one chain (each takes its turn under the lock)
    await Promise.all(Array.from({ length: 8 }, (_, i) => recordAudit(t.db, { type: 'test.parallel', detail: { i } })));
    const whole = await verifyAuditChain(t.db);
    expect(whole.ok).toBe(true);
    expect(whole.checked).toBeGreaterThanOrEqual(13);

    await expect(t.db.query(sql`UPDATE audit_log SET type = 'x' WHERE type = 'test.event'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(sql`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);

    const { items } = await listAudit(t.db, { types: ['test.event'] }, { offset: 0, limit: 10 });
    const victim = items[2];
    await t.db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await t.db.query(sql`UPDATE audit_log SET detail = '{"i": 99}' WHERE id = ${victim.id}`);
    await t.db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    const broken = await verifyAuditChain(t.db);
    expect(broken.ok).toBe(false);
    expect(broken.broken).toEqual({ id: victim.id, reason: 'hash_mismatch' });
  });

  it('purges past the retention period and the chain still verifies from the purge on', async () => {
    const t2 = await startApp(engine);
    try {
      for (let i = 0; i < 4; i++) await recordAudit(t2.db, { type: 'test.old', detail: { i } });
      // everything so far is "older than 0 days"
      await new Promise((r) => setImmediate(r));
      const removed = await purgeAudit(t2.db, 0);
      expect(removed).toBeGreaterThanOrEqual(4);
      await recordAudit(t2.db, { type: 'test.new' });
      const r = await verifyAuditChain(t2.db);
      expect(r).toMatchObject({ ok: true, broken: null });
      const purged = await listAudit(t2.db, { types: ['audit.purged'] }, { offset: 0, limit: 1 });
      expect(purged.items[0].detail).toMatchObject({ count: removed });
    } finally {
      await t2.close();
    }
  });
});
