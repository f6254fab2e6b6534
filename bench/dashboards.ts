/**
 * npm run bench:dashboards [-- --engine pglite|postgres --orgs 2000 --requests 200]
 *
 * Issue 14 points 4 and 6: the real server (DEMO data of N organizations) on a fresh database; times GET
 * /api/v1/dashboards/{scope} for the city, 渝中区 and a cluster, its .xlsx, and the front page (GET
 * /api/v1/portal/front), sequentially over HTTP after a warm-up; then how long a new organization takes to show on
 * its district's dashboard (the directory's event, the kept breakdowns' recount). Prints p50/p95/max.
 * PostgreSQL: a scratch database on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 * Not the issue's full scale (56,000 organizations, 1,100,000 survey rows): the surveys are another module's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scratchDatabase } from '../test/helpers/scratch-db.ts';
import { ADMIN_PASSWORD, signIn, startServer, summary } from './lib.ts';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(' ')
    .split('--')
    .filter(Boolean)
    .map((a) => a.trim().split(/\s+/) as [string, string]),
);
const ENGINE = args.engine ?? 'pglite';
const ORGS = Number(args.orgs ?? 2000);
const N = Number(args.requests ?? 200);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kft-dash-bench-'));
  const scratch = ENGINE === 'postgres' ? await scratchDatabase(PG_URL, 'kft_dbench') : null;
  const t0 = performance.now();
  const { child, base } = await startServer({
    DATA_DIR: dataDir,
    DEMO: 'true',
    DEMO_ORG_COUNT: String(ORGS),
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
  });
  try {
    const admin = await signIn(base, 'admin', ADMIN_PASSWORD);
    const anon = admin;
    // the start recounts every figure; wait for the kept breakdowns to be there
    for (;;) {
      const d = await anon.get<{ entities: number | null }>('/api/v1/dashboards/chongqing');
      if (d.status === 200 && d.body.entities) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    console.log(`server ready with ${ORGS} organizations on ${ENGINE} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const time = async (label: string, p: string) => {
      for (let i = 0; i < 10; i++) await anon.get(p);
      const xs: number[] = [];
      for (let i = 0; i < N; i++) {
        const r = await anon.get(p);
        if (r.status !== 200) throw new Error(`${p}: ${r.status}`);
        xs.push(r.ms);
      }
      console.log(label.padEnd(34), JSON.stringify(summary(xs)));
      return summary(xs);
    };
    const out = {
      engine: ENGINE,
      orgs: ORGS,
      load: os.loadavg(),
      city: await time('dashboard chongqing', '/api/v1/dashboards/chongqing'),
      district: await time('dashboard district:500103', '/api/v1/dashboards/district:500103'),
      cluster: await time('dashboard cluster:western-science-city', '/api/v1/dashboards/cluster:western-science-city'),
      xlsx: await time('dashboard chongqing .xlsx', '/api/v1/dashboards/chongqing/xlsx'),
      front: await time('portal front', '/api/v1/portal/front'),
      visible: [] as number[],
    };
    // a new organization on its district's dashboard: the event, the recount, the read
    for (let i = 0; i < 5; i++) {
      const before = (await anon.get<{ entities: number }>('/api/v1/dashboards/district:500103')).body.entities;
      const uscc = `91500103MA${String(600000 + i).padStart(7, '0')}`;
      const body = {
        uscc: fixUscc(uscc),
        name: `重庆看板基准测试${i}科技有限公司`,
        kinds: ['service_provider'],
        categories: ['testing'],
        districtCode: '500103',
        address: '重庆市渝中区解放碑1号',
        contactPerson: '张三',
        contactPhone: '023-63001234',
        contactEmail: 'bench@example.cn',
        formerNames: [],
        recognitions: [],
      };
      const t1 = performance.now();
      const created = await admin.post('/api/v1/orgs', body);
      if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
      for (;;) {
        const now = (await anon.get<{ entities: number }>('/api/v1/dashboards/district:500103')).body.entities;
        if (now > before) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      out.visible.push(+(performance.now() - t1).toFixed(0));
    }
    console.log('new organization on the dashboard (ms)', out.visible.join(', '));
    console.log(
      'load average',
      os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' '),
    );
    fs.mkdirSync('bench/out', { recursive: true });
    fs.writeFileSync(`bench/out/dashboards-${ENGINE}.json`, JSON.stringify(out, null, 2));
  } finally {
    child.kill();
    await scratch?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A USCC with its check digit (GB 32100-2015), from the first 17 characters. */
function fixUscc(u: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = u.slice(0, 17);
  const sum = [...body].reduce((s, c, i) => s + chars.indexOf(c) * w[i], 0);
  return body + chars[(31 - (sum % 31)) % 31];
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
