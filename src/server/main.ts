/**
 * Boot only: configuration → DATA_DIR lock (embedded database) → database → migrations → app → reference data
 * and admin → listen; then, while the server already answers (pages show a banner, /readyz says 503), the demo
 * data, the surveys' and statistics' start and the clocks. And a graceful shutdown.
 */
import { loadConfig, ConfigError, defaultPublicUrl, type Config } from './config.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { buildApp } from './app.ts';
import { prepare, seedDemo } from './bootstrap.ts';
import { StartState } from './platform/http/start-state.ts';
import { purgeAudit } from './platform/audit/index.ts';
import { DataDirLockedError, lockDataDir } from './platform/db/data-dir-lock.ts';
import { StartPhases } from './platform/start-phases.ts';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const started = Date.now();
  // node, tsx and every module loaded: the time since the process began
  const phases = new StartPhases();
  phases.record('modules', process.uptime() * 1000);
  const say = (line: string) => console.log(`[kefutong] ${line}`);
  say(config.databaseUrl ? `database: PostgreSQL at ${redact(config.databaseUrl)}` : `database: embedded PGlite in ${config.dataDir}`);
  // the embedded database is one process's: a second one on the same DATA_DIR stops here, naming the first
  let unlockDataDir = () => {};
  if (!config.databaseUrl) {
    try {
      unlockDataDir = lockDataDir(config.dataDir);
    } catch (err) {
      if (err instanceof DataDirLockedError) {
        console.error(err.message);
        process.exit(3);
      }
      throw err;
    }
  }
  const db = await phases.time('database', () =>
    openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
      poolWaitMs: config.databasePoolWaitMs,
      randomPageCost: config.randomPageCost,
    }),
  );
  await phases.time('migrate', () => migrate(db, say));
  const startState = new StartState();
  startState.set(config.demo ? 'loading_demo' : 'counting');
  const { app, services } = await phases.time('app', () =>
    buildApp({
      config,
      db,
      startState,
      logger: { level: config.logLevel, transport: process.stdout.isTTY ? { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } : undefined },
    }),
  );
  await phases.time('seed', () => prepare(db, config, services, say, phases));

  // after listening: the demo data, then the indicators' seeding and first count, then the clocks that act on the data
  let bookingClock: NodeJS.Timeout | undefined;
  let surveyClock: NodeJS.Timeout | undefined;
  let auditClock: NodeJS.Timeout | undefined;
  let postingsClock: NodeJS.Timeout | undefined;
  const finishStart = async () => {
    await phases.time('demo', () => seedDemo(db, config, services, say, phases));
    // contracts written before their search document existed (migration 0035) get one: a no-op once done
    await phases.time('contract search', () => services.contracts.fillSearchDocuments());
    startState.set('counting');
    // the indicator system: the documents' targets seeded (new ones with an upgrade), every computed figure counted
    await phases.time('surveys', () => services.surveys.start());
    await phases.time('statistics', () => services.statistics.start());
    if (config.demo) {
      // the demo's bulletin cites figures just counted, so it comes after them
      const number = await phases.time('bulletin', () => services.statistics.publishDemoBulletin(services.auth.userByUsername('demo-admin')));
      if (number) say(`Published the demo statistical bulletin ${number}.`);
    }
    services.events.start();
    // time-driven booking steps: expiry of unanswered requests, no-shows, reminders (safe in every process)
    bookingClock = setInterval(() => void services.bookings.tick().catch((err) => app.log.error({ err }, 'booking tick failed')), 60_000);
    bookingClock.unref();
    // survey reminders before a round's deadline: recorded as sent with the notification, so once per organization
    // and point in every process and across restarts; every 10 minutes is soon enough for a day's reminder
    const remind = () => void services.surveys.reminders.tick().catch((err) => app.log.error({ err }, 'survey reminders failed'));
    remind();
    surveyClock = setInterval(remind, 10 * 60_000);
    surveyClock.unref();
    // the audit trail keeps AUDIT_RETENTION_DAYS (≥ 180, as 等保 asks); older entries go, and that is itself recorded
    const purge = () => void purgeAudit(db, config.security.auditRetentionDays).catch((err) => app.log.error({ err }, 'audit purge failed'));
    purge();
    auditClock = setInterval(purge, 6 * 3600_000);
    auditClock.unref();
    // achievements a bulk SQL load left waiting beside the word lists go into them (matching finds them by rare words from then on)
    const merge = () => void services.market.matches.mergeWaitingPostings().catch((err) => app.log.error({ err }, 'word lists merge failed'));
    postingsClock = setInterval(merge, 5_000);
    postingsClock.unref();
    // webhook deliveries due now (first attempts and retries); claimed row by row, so safe in every process
    services.webhooks.start();
    startState.set('ready');
  };

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping (finishing requests in flight)`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    clearInterval(bookingClock);
    clearInterval(surveyClock);
    clearInterval(auditClock);
    clearInterval(postingsClock);
    await app.close();
    await services.imports.idle();
    await services.events.stop();
    await services.webhooks.stop();
    await db.close();
    unlockDataDir();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await phases.time('listen', () => app.listen({ port: config.port, host: config.host }));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // the port picked by PORT=0 is known only now; a set PUBLIC_URL is the address people use
  if (!config.publicUrlSet) config.publicUrl = defaultPublicUrl(config.host, port);
  const url = config.publicUrl;
  say(`serving in ${((Date.now() - started) / 1000).toFixed(1)} s${config.demo ? ' (loading the demo data: the pages say so until it is in)' : ''}`);
  say(`科服通 is running at ${url}/   (API docs: ${url}/api/docs)`);

  try {
    await finishStart();
  } catch (err) {
    // a half-loaded start must not look like a started one
    console.error(err);
    process.exit(1);
  }
  say(`start phases: ${phases.line()}`);
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
