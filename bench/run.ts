/**
 * npm run bench [-- --engine pglite|postgres|both --orgs 56000 --queries 200]
 *
 * For each engine: starts the real server as a child process on a fresh database, imports
 * N generated organizations as one .xlsx through POST /api/v1/orgs/import (time, and the
 * server's peak resident memory from /proc/<pid>/status VmHWM), then times 200 varied searches
 * (GET /api/v1/orgs?q=…, half with filters) over HTTP, and a bare Fastify route on the same
 * machine as the ceiling. Prints the figures with the data scale and writes bench/out/*.json.
 * PostgreSQL: the server at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * on which a fresh database is created and dropped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import Fastify from 'fastify';
import { excelJS } from '../src/server/platform/export/exceljs.ts';
import * as OpenCC from 'opencc-js';
import { generateOrgs, rng } from '../src/server/modules/directory/demo/generator.ts';
import { scratchDatabase } from '../test/helpers/scratch-db.ts';
import { ORG_COLUMNS, KIND_LABELS, REVENUE_LABELS } from '../src/server/modules/directory/columns.ts';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(' ')
    .split('--')
    .filter(Boolean)
    .map((a) => a.trim().split(/\s+/) as [string, string]),
);
const ENGINES = (args.engine ?? 'both') === 'both' ? ['postgres', 'pglite'] : [args.engine];
const ORGS = Number(args.orgs ?? 56000);
const QUERIES = Number(args.queries ?? 200);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const OUT = path.resolve('bench/out');
fs.mkdirSync(OUT, { recursive: true });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function makeXlsx(file: string): Promise<void> {
  const cat: Record<string, string> = {
    rd: '研究开发服务',
    info: '科技信息与咨询服务',
    testing: '检验检测认证服务',
    finance: '科技金融服务',
    transfer: '技术转移服务',
    incubation: '创业孵化服务',
    ip: '知识产权服务',
    popularization: '科学技术普及服务',
  };
  const wb = new (excelJS().stream.xlsx.WorkbookWriter)({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('机构');
  ws.addRow(ORG_COLUMNS.map((c) => c.header)).commit();
  for (const o of generateOrgs(ORGS, 56056)) {
    const v: Record<string, string | number | null> = {
      uscc: o.uscc,
      name: o.name,
      formerNames: o.formerNames.join('；'),
      kinds: o.kinds.map((k) => KIND_LABELS[k]).join('；'),
      categories: o.categories.map((c) => cat[c]).join('；'),
      district: o.districtCode ?? '',
      cluster: o.clusterId ?? '',
      address: o.address ?? '',
      contactPerson: o.contactPerson ?? '',
      contactPhone: o.contactPhone ?? '',
      contactEmail: o.contactEmail ?? '',
      foundedOn: o.foundedOn ?? '',
      employees: o.employees ?? '',
      revenueBand: o.revenueBand ? REVENUE_LABELS[o.revenueBand] : '',
      recognitions: o.recognitions
        .map(
          (r) =>
            `${{ tech_sme: '科技型中小企业', high_tech: '高新技术企业', srdi_innovative: '创新型中小企业', srdi_sme: '专精特新中小企业', srdi_little_giant: '专精特新“小巨人”企业' }[r.kind]}(${r.validFrom}~${r.validTo})`,
        )
        .join('；'),
      description: o.description ?? '',
      website: o.website ?? '',
    };
    ws.addRow(ORG_COLUMNS.map((c) => v[c.key] ?? null)).commit();
  }
  ws.commit();
  await wb.commit();
}

/** 200 varied queries: names, services, districts, traditional script, typos; half with filters. */
function queries(): string[] {
  const r = rng(7);
  const toTrad = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const sample = [...generateOrgs(3000, 56056)];
  const words = [
    '检测',
    '知识产权',
    '技术转移',
    '孵化器',
    '科技咨询',
    '计量校准',
    '专利代理',
    '创业投资',
    '大数据',
    '工业设计',
    '环境检测',
    '新材料',
    '众创空间',
    '科普',
    '软件',
    '认证',
    '成果转化',
    '融资担保',
    '集成电路',
    '生物医药',
  ];
  const filters = [
    '',
    '',
    '&category=testing',
    '&district=500103',
    '&district=500199',
    '&category=ip,transfer',
    '&recognition=high_tech',
    '&kind=service_provider&district=500106',
  ];
  const out: string[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const o = r.pick(sample);
    const kind = i % 5;
    let q: string;
    if (kind === 0) q = o.name;
    else if (kind === 1) q = o.name.replace(/^重庆|^.{2}/, '').slice(0, 6);
    else if (kind === 2) q = r.pick(words);
    else if (kind === 3) q = toTrad(r.pick(words) + (r.chance(0.5) ? r.pick(words) : ''));
    else q = o.name.slice(2, 8).replace('测', '侧').replace('理', '里');
    out.push(`q=${encodeURIComponent(q)}${filters[i % filters.length]}`);
  }
  return out;
}

async function timeRequests(base: string, paths: string[], headers: Record<string, string> = {}): Promise<number[]> {
  const times: number[] = [];
  for (const p of paths) {
    const t0 = performance.now();
    const res = await fetch(base + p, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${p}: ${res.status}`);
    times.push(performance.now() - t0);
  }
  return times;
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmHWM:\s+(\d+)/)![1]) / 1024;
}

async function startServer(engine: string, env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = 3900 + Math.floor(Math.random() * 90);
  // the same command line as `npm start` (package.json), so the figures are those of the shipped server
  const child = spawn(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DEMO: 'false', ADMIN_PASSWORD: 'bench-admin-pass', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => (d.toString().includes('is running at') ? resolve() : undefined));
    child.on('exit', (c) => reject(new Error(`server (${engine}) exited ${c}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

async function serverPid(child: ChildProcess): Promise<number> {
  return child.pid!; // node itself, with tsx as a loader: no wrapper process in between
}

async function bareCeiling(paths: string[]): Promise<number[]> {
  const app = Fastify();
  app.get('/api/v1/orgs', async () => ({ items: [], total: 0 }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}/api/v1/orgs?`;
  await timeRequests(base, paths.slice(0, 20));
  const t = await timeRequests(base, paths);
  await app.close();
  return t;
}

async function benchEngine(engine: string, xlsxFile: string) {
  let env: Record<string, string> = {};
  let dropDb = async () => {};
  if (engine === 'postgres') {
    const scratch = await scratchDatabase(PG_URL, 'kft_bench');
    env = { DATABASE_URL: scratch.url };
    dropDb = scratch.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kft-bench-'));
    env = { DATA_DIR: dir };
  }
  const { child, base } = await startServer(engine, env);
  try {
    const pid = await serverPid(child);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'bench-admin-pass' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const form = new FormData();
    form.append('file', new Blob([fs.readFileSync(xlsxFile)]), 'bench.xlsx');
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/orgs/import?dryRun=false&wait=0`, { method: 'POST', body: form, headers: { cookie } });
    let job = (await res.json()) as { id: string; status: string; createdRows: number; errorRows: number; processedRows: number; errors?: unknown[] };
    while (job.status === 'running') {
      await new Promise((r) => setTimeout(r, 250));
      job = (await (await fetch(`${base}/api/v1/orgs/imports/${job.id}`, { headers: { cookie } })).json()) as typeof job;
    }
    const importSeconds = (performance.now() - t0) / 1000;
    const importPeakMb = peakRssMb(pid);
    if (job.status !== 'done' || job.createdRows !== ORGS)
      throw new Error(`import ${job.status}: created ${job.createdRows}, errors ${job.errorRows} ${JSON.stringify(job.errors?.slice(0, 3))}`);
    if (engine === 'postgres') {
      const c = new pg.Client({ connectionString: env.DATABASE_URL });
      await c.connect();
      await c.query('ANALYZE');
      await c.end();
    }
    const qs = queries();
    await timeRequests(`${base}/api/v1/orgs?`, qs.slice(0, 20)); // warm-up
    const plain = qs.filter((q) => !q.includes('&'));
    const filtered = qs.filter((q) => q.includes('&'));
    const tPlain = await timeRequests(`${base}/api/v1/orgs?`, plain);
    const tFiltered = await timeRequests(`${base}/api/v1/orgs?`, filtered);
    const all = [...tPlain, ...tFiltered];
    const labelled = [...plain, ...filtered].map((q, i) => ({ q: decodeURIComponent(q), ms: +all[i].toFixed(1) })).sort((a, b) => b.ms - a.ms);
    const peakMb = peakRssMb(pid);
    return {
      engine,
      orgs: ORGS,
      queries: qs.length,
      import: { seconds: +importSeconds.toFixed(1), rowsPerSecond: Math.round(ORGS / importSeconds), peakRssMb: Math.round(importPeakMb) },
      search: {
        p50: +pct(all, 50).toFixed(1),
        p95: +pct(all, 95).toFixed(1),
        max: +Math.max(...all).toFixed(1),
        plainP95: +pct(tPlain, 95).toFixed(1),
        filteredP95: +pct(tFiltered, 95).toFixed(1),
      },
      serverPeakRssMb: Math.round(peakMb),
      slowest: labelled.slice(0, 10),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await dropDb();
  }
}

async function main() {
  console.log(`kefutong bench · ${ORGS.toLocaleString()} organizations · ${QUERIES} queries · ${os.cpus().length} cores · node ${process.version}`);
  const xlsxFile = path.join(OUT, `orgs-${ORGS}.xlsx`);
  if (!fs.existsSync(xlsxFile)) {
    const t = performance.now();
    await makeXlsx(xlsxFile);
    console.log(`generated ${xlsxFile} (${(fs.statSync(xlsxFile).size / 1048576).toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const ceiling = await bareCeiling(queries());
  const ceil = { p50: +pct(ceiling, 50).toFixed(2), p95: +pct(ceiling, 95).toFixed(2) };
  console.log(`bare Fastify route (ceiling): p50 ${ms(ceil.p50)}, p95 ${ms(ceil.p95)}`);
  const results = [];
  for (const engine of ENGINES) {
    console.log(`\n== ${engine}`);
    const r = await benchEngine(engine, xlsxFile);
    results.push(r);
    console.log(`import ${ORGS.toLocaleString()}-row xlsx: ${r.import.seconds} s (${r.import.rowsPerSecond} rows/s), server peak RSS ${r.import.peakRssMb} MB`);
    console.log(
      `search GET /api/v1/orgs?q=… over ${ORGS.toLocaleString()} orgs: p50 ${ms(r.search.p50)}, p95 ${ms(r.search.p95)} (no filter p95 ${ms(r.search.plainP95)}, with filters p95 ${ms(r.search.filteredP95)}), max ${ms(r.search.max)}`,
    );
    console.log(`slowest: ${r.slowest.map((x) => `${x.ms} ms ${x.q}`).join(' | ')}`);
    console.log(
      `ratio to bare route: p50 ×${(r.search.p50 / ceil.p50).toFixed(1)}, p95 ×${(r.search.p95 / ceil.p95).toFixed(1)}; server peak RSS ${r.serverPeakRssMb} MB`,
    );
  }
  const out = {
    at: new Date().toISOString(),
    machine: { cores: os.cpus().length, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    ceiling: ceil,
    results,
  };
  fs.writeFileSync(path.join(OUT, 'directory.json'), JSON.stringify(out, null, 2));
  console.log(`\nwritten ${path.join(OUT, 'directory.json')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
