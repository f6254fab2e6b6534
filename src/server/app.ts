/**
 * buildApp(deps): the whole HTTP application. main.ts starts it; tests build it the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { createJsonSchemaTransform, createJsonSchemaTransformObject, serializerCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import { sql } from './platform/db/sql.ts';
import { AppError } from './platform/http/errors.ts';
import { requestLocale, translate } from './platform/http/i18n.ts';
import { fieldErrors, RequestValidationError, translateFields, validatorCompiler } from './platform/http/validation.ts';
import { EventBus } from './platform/events/outbox.ts';
import { ProcessLease } from './platform/db/process-lease.ts';
import { checkContract, securitySchemes, withoutUnusedInputs, zodToJsonConfig } from './platform/http/contract.ts';
import type { ModuleFace } from './platform/module.ts';
import { requestOrigin } from './platform/audit/index.ts';
import { createMailer, type Mailer } from './platform/mail.ts';
import { defaultRules, registerRateLimits } from './platform/http/rate-limit.ts';
import { AuthModule, type AuthService } from './modules/auth/index.ts';
import { ReferenceModule, type ReferenceService } from './modules/reference/index.ts';
import { DirectoryModule, type DirectoryService } from './modules/directory/index.ts';
import { NotificationsModule, startMailer } from './modules/notifications/index.ts';
import { InstrumentsModule, type BookingService, type InstrumentService, type InstrumentStatsService } from './modules/instruments/index.ts';
import { Market } from './modules/market/index.ts';
import { AuditModule } from './modules/audit/index.ts';
import { WebhooksModule, type DeliveryWorker } from './modules/webhooks/index.ts';
import { RegistrationModule } from './modules/registration/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST = path.join(ROOT, 'dist/web');
const WEB_ASSETS = path.join(WEB_DIST, 'assets') + path.sep;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export interface AppDeps {
  config: Config;
  db: Database;
  logger?: boolean | object;
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
  webhooks: DeliveryWorker;
  registration: RegistrationModule;
  events: EventBus;
  mailer: Mailer;
  lease: ProcessLease;
}

export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; services: Services }> {
  const { config, db } = deps;
  const app = Fastify({
    logger: deps.logger ?? false,
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || crypto.randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
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
  const market = new Market(db, reference.service, auth.service, { reviewRequired: config.marketReview });
  const audit = new AuditModule(db);
  const webhooks = new WebhooksModule(db, auth.service, config.webhooks);
  const registration = new RegistrationModule(db, auth.service, directory.orgs, {
    mailer,
    publicUrl: config.publicUrl,
    log: (line) => app.log.warn(line),
  });
  const modules: ModuleFace[] = [auth, reference, directory, notifications, instruments, market, audit, registration, webhooks];
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
    webhooks: webhooks.worker,
    registration,
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

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  app.setErrorHandler((err: FastifyError | AppError | RequestValidationError, req, reply) => {
    const locale = requestLocale(req);
    if (err instanceof AppError) {
      if (err.options.retryAfter) reply.header('retry-after', String(err.options.retryAfter));
      return reply.code(err.status).send({
        error: { code: err.code, message: translate(locale, err.key, err.params), fields: translateFields(err.fields, locale) },
      });
    }
    const validation = (err as FastifyError).validation?.[0] as unknown;
    const cause = err instanceof RequestValidationError ? err : validation instanceof RequestValidationError ? validation : null;
    if (cause) {
      const prefix = cause.httpPart === 'querystring' ? 'query.' : cause.httpPart === 'params' ? 'params.' : '';
      const fields = fieldErrors(cause.schema, cause.data, locale).map((f) => ({ ...f, path: prefix + f.path }));
      return reply.code(400).send({ error: { code: 'validation_failed', message: translate(locale, 'error.validation'), fields } });
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && fe instanceof SyntaxError)) {
      return reply.code(400).send({ error: { code: 'bad_json', message: translate(locale, 'error.badJson'), fields: [] } });
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send({
        error: {
          code: 'unsupported_media_type',
          message: translate(locale, 'error.unsupportedMediaType', { type: req.headers['content-type'] }),
          fields: [],
        },
      });
    }
    if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413) {
      return reply.code(413).send({
        error: {
          code: 'payload_too_large',
          message: translate(locale, 'error.payloadTooLarge', { limit: `${Math.round(config.importMaxBytes / 1048576)} MB` }),
          fields: [],
        },
      });
    }
    // a multipart body cut short or malformed (busboy's errors carry no status): the upload is the caller's fault
    if (!fe.statusCode && req.isMultipart?.() && /multipart|Unexpected end of form|Malformed part header|Part terminated/i.test(fe.message)) {
      return reply.code(400).send({
        error: {
          code: 'bad_multipart',
          message: translate(locale, 'error.badMultipart'),
          fields: [{ path: 'file', message: translate(locale, 'error.badMultipart') }],
        },
      });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.code(fe.statusCode).send({ error: { code: fe.code ?? 'bad_request', message: fe.message, fields: [] } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'internal', message: translate(locale, 'error.internal', { requestId: req.id }), fields: [] } });
  });

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
      return reply.code(404).send({
        error: {
          code: 'not_found',
          message: translate(requestLocale(req), 'error.routeNotFound', { method: req.method, url: req.url.split('?')[0] }),
          fields: [],
        },
      });
    }
    // client-side routes of the single-page app: the page itself is revalidated, like index.html
    return reply.type('text/html').header('cache-control', REVALIDATE).sendFile('index.html');
  });

  await app.register(cookie);
  // where each request came from, for the audit trail (platform/audit/context.ts)
  await app.register(requestOrigin);
  await app.register(multipart, { limits: { fileSize: config.importMaxBytes, files: 1 } });
  await app.register(swagger, {
    openapi: {
      // OpenAPI 3.1: its schemas are JSON Schema 2020-12, so nullable is `type: [x, 'null']` and $ref may have siblings
      openapi: '3.1.0',
      info: {
        title: '科服通 Kefutong API',
        version: '1',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
        description:
          '科技服务业数字化平台接口。Errors: {"error": {"code", "message", "fields": [{"path", "message"}]}} in the language of Accept-Language (zh-CN default, en).',
      },
      servers: [],
      components: { securitySchemes },
      tags: [
        { name: 'auth', description: '账号 Accounts' },
        { name: 'users', description: '用户管理 User management' },
        { name: 'audit', description: '安全审计 Audit trail' },
        { name: 'reference', description: '参考数据 Reference data' },
        { name: 'directory', description: '名录库 Directory' },
        { name: 'publications', description: '发布清单 Published lists' },
        { name: 'instruments', description: '共享仪器 Shared instruments' },
        { name: 'bookings', description: '仪器预约 Bookings' },
        { name: 'notifications', description: '通知 Notifications' },
        { name: 'search', description: '综合搜索 Search across kinds' },
        { name: 'achievements', description: '科技成果 Achievements' },
        { name: 'demands', description: '技术需求与匹配 Demands and matching' },
        { name: 'experts', description: '专家库 Experts' },
        { name: 'deals', description: '技术交易洽谈 Deals' },
        { name: 'webhooks', description: 'Webhook 订阅 Webhooks' },
        { name: 'registration', description: '机构注册与认领 Registration, claims and invitations' },
      ],
    },
    transform: createJsonSchemaTransform({ zodToJsonConfig }),
    // schemas with a meta id (User, Org, Error, …) become components, so a generated client names them
    transformObject: (input) => withoutUnusedInputs(createJsonSchemaTransformObject({ zodToJsonConfig })(input) as never),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await db.query(sql`SELECT 1`);
      return { status: 'ready', database: db.engine };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: db.engine });
    }
  });

  for (const m of modules) await m.mount(app);
  // after auth's guard (a hook of its mount): signed-in callers are counted by account
  registerRateLimits(app, db, defaultRules(config.security.rateLimit));

  if (fs.existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      prefix: '/',
      wildcard: false,
      index: 'index.html',
      // the build writes .br and .gz beside each file; the one the browser accepts is sent, else the plain file
      preCompressed: true,
      // Vite's assets carry a content hash in their names, so a browser may keep them for good; everything else
      // (index.html, which names the current assets; the district geometry) is revalidated on each use
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', filePath.startsWith(WEB_ASSETS) ? IMMUTABLE : REVALIDATE);
      },
    });
  }

  return { app, services };
}
