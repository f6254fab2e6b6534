/**
 * buildApp(deps): the whole HTTP application. main.ts starts it; tests build it the same way.
 */
import crypto from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import { sql } from './platform/db/sql.ts';
import { validatorCompiler } from './platform/http/validation.ts';
import { HttpEmbeddingProvider } from './platform/text/embeddings.ts';
import { clientErrorHandler, errorHandler, type ErrorLimits } from './platform/http/error-handler.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { sameOriginWrites } from './platform/http/same-origin.ts';
import { parseQueryString, registerJsonParser } from './platform/http/parsers.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { notFoundHandler, registerWebApp } from './platform/http/web-app.ts';
import { EventBus } from './platform/events/outbox.ts';
import { ProcessLease } from './platform/db/process-lease.ts';
import { checkContract } from './platform/http/contract.ts';
import type { ModuleFace } from './platform/module.ts';
import { requestOrigin } from './platform/audit/index.ts';
import { createMailer, type Mailer } from './platform/mail.ts';
import { defaultRules, registerRateLimits } from './platform/http/rate-limit.ts';
import { registerResponseCache } from './platform/http/response-cache.ts';
import { registerOverloadGuard } from './platform/http/overload.ts';
import { AuthModule, type AuthService } from './modules/auth/index.ts';
import { ReferenceModule, type ReferenceService } from './modules/reference/index.ts';
import { DirectoryModule, type DirectoryService, type RelationService } from './modules/directory/index.ts';
import { NotificationsModule, startMailer } from './modules/notifications/index.ts';
import { InstrumentsModule, type BookingService, type InstrumentService, type InstrumentStatsService } from './modules/instruments/index.ts';
import { Market } from './modules/market/index.ts';
import { ServicesModule } from './modules/services/index.ts';
import { AuditModule } from './modules/audit/index.ts';
import { WebhooksModule, type DeliveryWorker } from './modules/webhooks/index.ts';
import { RegistrationModule } from './modules/registration/index.ts';
import { VouchersModule, type CheckoutService, type ClaimService, type VoucherService } from './modules/vouchers/index.ts';
import { OrdersModule } from './modules/orders/index.ts';
import { PortalModule } from './modules/portal/index.ts';
import {
  contractSources,
  directoryBreakdowns,
  directorySources,
  expertSources,
  instrumentSources,
  StatisticsModule,
  voucherSources,
} from './modules/statistics/index.ts';
import { ContractsModule, type ContractService } from './modules/contracts/index.ts';
import { SurveysModule } from './modules/surveys/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';
import { registerStatusRoute, StartState } from './platform/http/start-state.ts';

export { WEB_DIST } from './platform/http/web-app.ts';

/** The largest JSON body, and the largest upload (IMPORT_MAX_BYTES). */
const LIMITS = (config: Config): ErrorLimits => ({ bodyBytes: 2 * 1024 * 1024, uploadBytes: config.importMaxBytes });

export interface AppDeps {
  config: Config;
  db: Database;
  logger?: boolean | object;
  /** main.ts's: the server listens before the demo data and the first count are in (tests: always ready) */
  startState?: StartState;
}

export interface Services {
  auth: AuthService;
  reference: ReferenceService;
  directory: DirectoryService;
  imports: DirectoryModule['imports'];
  publications: DirectoryModule['publications'];
  instruments: InstrumentService;
  bookings: BookingService;
  instrumentStats: InstrumentStatsService;
  notifications: NotificationsModule['service'];
  market: Market;
  services: ServicesModule;
  webhooks: DeliveryWorker;
  registration: RegistrationModule;
  vouchers: VoucherService;
  voucherClaims: ClaimService;
  voucherCheckout: CheckoutService;
  relations: RelationService;
  orders: OrdersModule;
  statistics: StatisticsModule;
  portal: PortalModule;
  contracts: ContractService;
  surveys: SurveysModule;
  events: EventBus;
  mailer: Mailer;
  lease: ProcessLease;
}

/** The zod compilers as Fastify's schema controller builds them (its types name only Ajv's shapes, hence the cast). */
const ZOD_COMPILERS = { buildValidator: () => validatorCompiler, buildSerializer: () => serializerCompiler } as unknown as NonNullable<
  FastifyServerOptions['schemaController']
>['compilersFactory'];

export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; services: Services }> {
  const { config, db } = deps;
  const limits = LIMITS(config);
  const https = config.cookieSecure || config.publicUrl.startsWith('https:');
  const app = Fastify({
    logger: deps.logger ?? false,
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || crypto.randomUUID(),
    bodyLimit: limits.bodyBytes,
    routerOptions: { maxParamLength: 200, querystringParser: parseQueryString },
    // errors before routing (a bad URL encoding, an over-long parameter) and ones Node's parser meets get our shape too
    frameworkErrors: errorHandler(limits),
    clientErrorHandler,
    // every route's schemas are zod's: given here, Fastify never loads its default compilers (Ajv and
    // fast-json-stringify), which cost ~0.5–0.7 s of CPU on every start (the restart target is 3 s)
    schemaController: { compilersFactory: ZOD_COMPILERS },
  });

  const events = new EventBus(db);
  // links sent by email (verification, password reset, invitations); logged instead when SMTP_URL is unset
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log: (line) => app.log.info(line) });
  app.addHook('onClose', async () => mailer.close());
  // this process's lease: work it starts (imports) records it, so a restart fails only a dead process's jobs
  const lease = await ProcessLease.take(db);
  // the modules, each built from the faces of those it uses; mounted in this order (auth first: its guard
  // puts the caller on every request)
  const publicUrl = () => config.publicUrl;
  const auth = new AuthModule(db, {
    mailer,
    publicUrl,
    security: config.security,
    cookieSecure: config.cookieSecure,
    demo: config.demo ? { password: DEMO_PASSWORD, usernames: DEMO_ACCOUNTS } : null,
    oidc: config.oidc,
    // single sign-on maps an organization claim (a USCC) through the directory's face; the directory is
    // built just below, and the lookup runs only at a sign-in, long after
    orgByUscc: (uscc) => directory.orgs.idByUscc(uscc),
  });
  const reference = new ReferenceModule(db);
  const directory = new DirectoryModule(db, reference.service, config, lease.owner);
  const notifications = new NotificationsModule(db);
  const instruments = new InstrumentsModule(db, reference.service, directory.orgs, auth.service, config);
  const market = new Market(db, reference.service, auth.service, {
    reviewRequired: config.marketReview,
    embeddings: config.embeddings ? new HttpEmbeddingProvider(config.embeddings) : null,
    warn: (message) => app.log.warn(message),
  });
  const services_ = new ServicesModule(db, reference.service, directory.orgs, instruments.catalogue, market);
  const audit = new AuditModule(db);
  const webhooks = new WebhooksModule(db, auth.service, config.webhooks);
  const registration = new RegistrationModule(db, auth.service, directory.orgs, {
    mailer,
    publicUrl: config.publicUrl,
    log: (line) => app.log.warn(line),
  });
  // an order is of a catalogue service: the orders module reads it through the services face
  // … and a completed instrument booking settles through an order, read through the instruments' bookings face
  const orders = new OrdersModule(db, services_, instruments.bookings, auth.service, { pdfFontPath: config.pdfFontPath });
  const vouchers = new VouchersModule(db, { orgs: directory.orgs, relations: directory.relations }, orders.face);
  // a technology contract starts from the market's agreed deal, its experts are the market's pool, its parties the directory's
  const contracts = new ContractsModule(
    db,
    { deals: market, experts: market.experts, orgs: directory.orgs },
    { ...config.contracts, publicUrl: config.publicUrl, pdfFontPath: config.pdfFontPath },
  );
  // surveys ask a population of the directory (through its list), prefill from its profile
  const surveys = new SurveysModule(
    db,
    {
      members: async (f) => {
        const out: { id: number; name: string; districtCode: string | null; clusterId: string | null; categories: string[] }[] = [];
        for (let page = 1; ; page++) {
          const { items, total } = await directory.orgs.list({
            kind: f.kinds,
            category: f.categories,
            district: f.districts,
            sort: 'name',
            page,
            pageSize: 200,
          });
          out.push(...items.map((o) => ({ id: o.id, name: o.name, districtCode: o.districtCode, clusterId: o.clusterId, categories: o.categories })));
          if (!items.length || out.length >= total) return out;
        }
      },
      profile: async (orgId) => ({ employees: (await directory.orgs.get(orgId)).employees }),
      divisions: () => reference.service.divisions(),
      memberIds: (orgId, tx) => auth.service.orgMemberIds(orgId, tx),
      usccs: (ids) => directory.orgs.usccsOf(ids),
      // read when a reminder is written: with PORT=0 the address is known only after listening
      publicUrl: () => config.publicUrl,
    },
    { reminderDays: config.surveyReminderDays },
  );
  // the computed indicators, each through the face of the module that holds its records (sources.ts); the
  // surveyed ones from the accepted filings' sums (the surveyed plug)
  const statistics = new StatisticsModule(
    db,
    reference.service,
    [
      ...directorySources(directory.orgs),
      ...expertSources(market.experts),
      ...instrumentSources(instruments.catalogue),
      ...contractSources(contracts.contracts),
      ...voucherSources(vouchers),
    ],
    surveys.surveyed,
    directoryBreakdowns(directory.orgs, () => reference.service.clusters()),
    { pdfFontPath: config.pdfFontPath, bulletinNumbers: config.bulletinNumbers },
  );
  // the front page reads the kept indicator figures and the newest listings through their owners' faces
  const portal = new PortalModule(db, {
    cityIndicators: () => statistics.service.list({ scope: 'chongqing' }),
    latestBulletin: () => statistics.bulletins.latest(),
    newestListings: async (n) => {
      const { achievements, demands } = await market.newest(n);
      return {
        achievements: achievements.map((a) => ({ id: a.id, title: a.title, ownerName: a.ownerName, publishedAt: a.publishedAt })),
        demands: demands.map((d) => ({ id: d.id, title: d.title, orgName: d.orgName, publishedAt: d.publishedAt })),
      };
    },
    newestInstruments: async (n) =>
      (await instruments.newest(n)).map((i) => ({ id: i.id, name: i.name, ownerName: i.ownerName, districtCode: i.districtCode ?? null })),
  });
  const modules: ModuleFace[] = [
    auth,
    reference,
    directory,
    notifications,
    instruments,
    market,
    services_,
    orders,
    vouchers,
    statistics,
    portal,
    contracts,
    surveys,
    audit,
    registration,
    webhooks,
  ];
  for (const m of modules) m.subscribe?.(events);

  const services: Services = {
    auth: auth.service,
    reference: reference.service,
    directory: directory.orgs,
    imports: directory.imports,
    publications: directory.publications,
    instruments: instruments.instruments,
    bookings: instruments.bookings,
    instrumentStats: instruments.stats,
    notifications: notifications.service,
    market,
    services: services_,
    webhooks: webhooks.worker,
    registration,
    vouchers: vouchers.vouchers,
    voucherClaims: vouchers.claims,
    voucherCheckout: vouchers.checkout,
    relations: directory.relations,
    orders,
    statistics,
    portal,
    contracts: contracts.contracts,
    surveys,
    events,
    mailer,
    lease,
  };
  // the lease outlives the imports in flight: given up earlier, another process could fail a job still finishing
  app.addHook('onClose', async () => {
    await directory.imports.idle();
    await lease.release();
  });

  // email goes out from the event stream after the notification committed (SMTP_URL set only)
  if (config.smtpUrl) {
    const mailer = startMailer(events, { smtpUrl: config.smtpUrl, from: config.mailFrom });
    app.addHook('onClose', async () => mailer.close());
  }

  // the one contract: every API route declares an operationId, its responses and its security
  // (platform/http/contract.ts); routes that do not are listed in contractGaps
  const contractGaps: string[] = [];
  app.addHook('onRoute', (route) => {
    try {
      checkContract(route);
    } catch (err) {
      contractGaps.push((err as Error).message);
    }
  });
  app.decorate('contractGaps', contractGaps);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  // every error in the one shape (platform/http/error-handler.ts), then what guards every request: security
  // headers, foreign-origin writes refused, JSON bodies parsed with a depth limit
  app.setErrorHandler(errorHandler(limits));
  app.setNotFoundHandler(notFoundHandler);
  await registerSecurityHeaders(app, { https });
  await app.register(sameOriginWrites, { publicUrl: config.publicUrlSet ? config.publicUrl : null });
  registerJsonParser(app);
  await app.register(cookie);
  // where each request came from, for the audit trail (platform/audit/context.ts)
  await app.register(requestOrigin);
  await app.register(multipart, { limits: { fileSize: config.importMaxBytes, files: 1 } });
  await registerOpenApi(app, { https });
  // back-pressure: a clear 503 with Retry-After when the event loop lags (and, in database.ts, when no connection comes free)
  await registerOverloadGuard(app, { maxEventLoopDelayMs: config.overloadEventLoopDelayMs });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  const startState = deps.startState ?? new StartState();
  await registerStatusRoute(app, startState);
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    if (!startState.ready) return reply.code(503).send({ status: 'loading', stage: startState.stage(), database: db.engine });
    try {
      await db.query(sql`SELECT 1`);
      return { status: 'ready', database: db.engine, responseCache: responseCache.stats() };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: db.engine });
    }
  });

  for (const m of modules) await m.mount(app);
  // after auth's guard (a hook of its mount): signed-in callers are counted by account
  registerRateLimits(app, db, defaultRules(config.security.rateLimit));
  // after auth's guard too: only anonymous answers are cached
  const responseCache = registerResponseCache(app, db, { enabled: config.responseCache.enabled, memoryBytes: config.responseCache.memoryMb * 1024 * 1024 });

  await registerWebApp(app);

  return { app, services };
}
