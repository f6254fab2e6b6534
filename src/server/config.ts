/**
 * Every setting of the server, read from environment variables once at start and validated,
 * so a bad value stops the process with a message naming the variable instead of failing later.
 * docs/OPERATIONS.md documents each one; keep the two in step.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { EmbeddingsOptions } from './platform/text/embeddings.ts';

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
    error: 'must be one of true/false/1/0/yes/no/on/off',
  })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

// the roles of auth's ROLES (config must not import a module; test/unit/sso-config.test.ts keeps the two equal)
export const ROLE_NAMES = ['admin', 'district_admin', 'org_member', 'station_staff'] as const;
const ROLE = `(?:${ROLE_NAMES.join('|')})`;
const ROLE_MAP = new RegExp(`^\\s*[^=,\\s]+\\s*=\\s*${ROLE}\\s*(,\\s*[^=,\\s]+\\s*=\\s*${ROLE}\\s*)*$`);
const ROLE_LIST = new RegExp(`^\\s*${ROLE}\\s*(,\\s*${ROLE}\\s*)*$`);
type RoleName = (typeof ROLE_NAMES)[number];

const ConfigSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  // PostgreSQL's rule of thumb: about two connections per core keep it busy; more only queue inside it
  DATABASE_POOL_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(Math.max(4, 2 * os.availableParallelism() + 1)),
  DATABASE_POOL_WAIT_MS: z.coerce.number({ error: 'must be a number' }).int().min(100).max(60000).default(3000),
  RESPONSE_CACHE: booleanText.default(true),
  RESPONSE_CACHE_MB: z.coerce.number({ error: 'must be a number' }).int().min(1).max(1024).default(32),
  // unset: 2000 on a PostgreSQL server, off on the embedded database (its queries run on the event loop itself)
  OVERLOAD_EVENT_LOOP_DELAY_MS: z.coerce.number({ error: 'must be a number' }).int().min(0).max(60000).optional(),
  PG_RANDOM_PAGE_COST: z.coerce.number({ error: 'must be a number' }).min(0.1).max(100).default(1.1),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  DEMO: booleanText.optional(),
  DEMO_ORG_COUNT: z.coerce.number().int().min(0).max(200000).default(2000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  COOKIE_SECURE: booleanText.default(false),
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
  IMPORT_MAX_INFLATED_BYTES: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1024 * 1024, 'must be at least 1048576 (1 MB)')
    .default(200 * 1024 * 1024),
  PDF_FONT_PATH: z.string().optional(),
  // a statistical bulletin's number (文号): {prefix} the office's (the city's below, a district's its short name + 科服统),
  // {year} of the first publication, {seq} the scope's sequence in that year; all three, or two offices' numbers could meet
  BULLETIN_NUMBER_PATTERN: z
    .string()
    .trim()
    .max(60)
    .refine((v) => ['{prefix}', '{year}', '{seq}'].every((k) => v.includes(k)), 'must hold {prefix}, {year} and {seq}')
    .default('{prefix}〔{year}〕{seq}号'),
  BULLETIN_CITY_PREFIX: z.string().trim().min(1).max(20).default('渝科服统'),
  BOOKING_PENDING_TTL_HOURS: z.coerce
    .number({ error: 'must be a number' })
    .min(0.1)
    .max(24 * 30)
    .default(48),
  BOOKING_NO_SHOW_GRACE_MINUTES: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  BOOKING_REMINDER_HOURS: z.coerce
    .number({ error: 'must be a number' })
    .min(0.5)
    .max(24 * 7)
    .default(24),
  SURVEY_REMINDER_DAYS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(60).default(3),
  DEMO_INSTRUMENT_COUNT: z.coerce.number().int().min(0).max(20000).default(300),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('科服通 <noreply@kefutong.local>'),
  MARKET_REVIEW: booleanText.default(false),
  // matching: an on-premises embedding model server speaking the common POST /v1/embeddings API
  // (text-embeddings-inference, Xinference, vLLM, Ollama's OpenAI API, …); unset = the built-in matching only
  EMBEDDINGS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  EMBEDDINGS_MODEL: z.string().min(1).max(200).default('bge-m3'),
  EMBEDDINGS_API_KEY: z.string().min(1).optional(),
  EMBEDDINGS_TIMEOUT_MS: z.coerce.number({ error: 'must be a number' }).int().min(100).max(60_000).default(3000),
  // technology contract registration (2026 national rules: keep the limits and the threshold configurable)
  CONTRACT_EXPERT_THRESHOLD_YUAN: z.coerce.number().int().min(0).max(1e12).default(5_000_000),
  CONTRACT_REVIEW_DAYS: z.coerce.number().int().min(1).max(120).default(15),
  CONTRACT_EXPERT_REVIEW_DAYS: z.coerce.number().int().min(1).max(240).default(30),
  CONTRACT_NUMBER_PATTERN: z
    .string()
    .regex(/\{seq\}/, 'must contain {seq}')
    .default('{year}{division}{station}{seq}'),
  // single sign-on (统一身份认证): OpenID Connect; unset OIDC_ISSUER = off
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  OIDC_NAME: z.string().min(1).max(40).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  OIDC_SCOPES: z
    .string()
    .regex(/(^|\s)openid(\s|$)/, "must include 'openid'")
    .default('openid email profile'),
  OIDC_ROLE_CLAIM: z.string().min(1).optional(),
  OIDC_ROLE_MAP: z
    .string()
    .regex(ROLE_MAP, `must be claim=role pairs separated by commas, role one of ${ROLE_NAMES.join('/')}`)
    .optional(),
  OIDC_ORG_CLAIM: z.string().min(1).optional(),
  OIDC_DISTRICT_CLAIM: z.string().min(1).optional(),
  OIDC_PROVISION: booleanText.default(false),
  LOCAL_LOGIN_DISABLED_ROLES: z
    .string()
    .regex(ROLE_LIST, `must be roles separated by commas: ${ROLE_NAMES.join('/')}`)
    .optional(),
  PUBLIC_URL: z
    .string()
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && !u.search && !u.hash;
      } catch {
        return false;
      }
    }, 'must be an http:// or https:// address without user, query or fragment, e.g. https://kefutong.example.cn')
    .optional(),
  // accounts and sessions (等保 2.0: 身份鉴别); docs/SECURITY.md says why each default
  PASSWORD_MIN_LENGTH: z.coerce.number({ error: 'must be a number' }).int().min(8).max(128).default(10),
  PASSWORD_MIN_CLASSES: z.coerce.number({ error: 'must be a number' }).int().min(1).max(4).default(3),
  PASSWORD_HISTORY: z.coerce.number({ error: 'must be a number' }).int().min(0).max(24).default(5),
  LOGIN_MAX_FAILURES: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(10000).default(5),
  LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number({ error: 'must be a number' }).int().min(1).max(1440).default(15),
  SESSION_IDLE_MINUTES: z.coerce.number({ error: 'must be a number' }).int().min(1).max(43200).default(120),
  SESSION_IDLE_MINUTES_ADMIN: z.coerce.number({ error: 'must be a number' }).int().min(1).max(43200).default(30),
  SESSION_TTL_HOURS_ADMIN: z.coerce.number({ error: 'must be a number' }).int().min(1).max(720).default(12),
  AUDIT_RETENTION_DAYS: z.coerce.number({ error: 'must be a number' }).int().min(180, 'must be at least 180 (等保 2.0 asks six months)').default(365),
  RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int().min(1).default(120),
  RATE_LIMIT_LOGINS_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int().min(1).default(30),
  RATE_LIMIT_SIGNUPS_PER_HOUR: z.coerce.number({ error: 'must be a number' }).int().min(1).default(20),
  WEBHOOKS_ALLOW_HTTP: booleanText.default(false),
  WEBHOOKS_MAX_ATTEMPTS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(20).default(6),
  WEBHOOKS_BACKOFF_SECONDS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'must be whole numbers of seconds separated by commas, e.g. 60,300,1800')
    .default('60,300,1800,7200,43200'),
  WEBHOOKS_PAUSE_AFTER_FAILURES: z.coerce.number({ error: 'must be a number' }).int().min(1).max(1000).default(20),
  WEBHOOKS_TIMEOUT_MS: z.coerce.number({ error: 'must be a number' }).int().min(100).max(60000).default(10000),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  databasePoolSize: number;
  /** how long a request waits for a free database connection before it is answered 503 with Retry-After */
  databasePoolWaitMs: number;
  /** anonymous public lists cached (platform/http/response-cache.ts); memory per process in MB */
  responseCache: { enabled: boolean; memoryMb: number };
  /** event-loop delay above which requests are answered 503 with Retry-After (0 = never) */
  overloadEventLoopDelayMs: number;
  /** planner cost of a random page read for our PostgreSQL sessions (1.1 = SSD; the server default 4 assumes spinning disks) */
  randomPageCost: number;
  adminPassword?: string;
  /** demo users and generated organizations; on by default only on the embedded database */
  demo: boolean;
  demoOrgCount: number;
  logLevel: string;
  sessionTtlHours: number;
  cookieSecure: boolean;
  importMaxBytes: number;
  /** most bytes an uploaded zip (an .xlsx) may inflate to before it is refused as a zip bomb */
  importMaxInflatedBytes: number;
  pdfFontPath?: string;
  /** statistical bulletins' numbers: the pattern and the city office's prefix (statistics/bulletins/numbering.ts) */
  bulletinNumbers: { pattern: string; cityPrefix: string };
  /** shared instruments: how long an unanswered request holds its slot, no-show grace, reminder lead */
  booking: { pendingTtlHours: number; noShowGraceMinutes: number; reminderHours: number };
  /** surveys: how many calendar days before a round's deadline the first reminder goes out (the second on the day) */
  surveyReminderDays: number;
  demoInstrumentCount: number;
  /** email for notifications; unset = in-app only */
  smtpUrl?: string;
  mailFrom: string;
  /** achievements and demands wait for a city admin's review before they are published */
  marketReview: boolean;
  /** an embedding model server the matching also ranks by (docs/SEARCH.md); null = the built-in matching only */
  embeddings: EmbeddingsOptions | null;
  /** technology contracts: expert review from this 技术交易额 (fen), the time limits in working days, the number pattern */
  contracts: { expertThresholdFen: number; reviewDays: number; expertReviewDays: number; numberPattern: string };
  /** single sign-on through the city's identity provider; null = off (docs/OPERATIONS.md) */
  oidc: OidcConfig | null;
  /**
   * The address people reach the server at, without a trailing slash (`https://kefutong.example.cn`, or with
   * a path prefix). Links the server writes (calendar feeds) are built from it, never from the Host header.
   * Default `http://<HOST>:<PORT>`, as the console prints it.
   */
  publicUrl: string;
  /** PUBLIC_URL was set: only its origin counts as our own for cookie-authenticated writes (else the request's own) */
  publicUrlSet: boolean;
  security: SecurityConfig;
  /** webhooks: plain http to 127.0.0.1/localhost (tests, development), attempts per delivery, the wait before
   * each retry, consecutive failed attempts that pause a subscriber, the time a receiver has to answer */
  webhooks: { allowHttp: boolean; maxAttempts: number; backoffSeconds: number[]; pauseAfterFailures: number; timeoutMs: number };
};

export interface OidcConfig {
  issuer: string;
  /** the provider's name on the login page's button, if not the default 统一身份认证 */
  name?: string;
  clientId: string;
  clientSecret?: string;
  redirectUrl: string;
  scopes: string;
  /** claim value → role, for accounts created from the claims (OIDC_PROVISION) */
  roleClaim?: string;
  roleMap: Record<string, RoleName>;
  /** the claim holding the organization's USCC, and the one holding a district code */
  orgClaim?: string;
  districtClaim?: string;
  provision: boolean;
}

/** Accounts, sessions, audit retention and rate limits (docs/SECURITY.md). */
export interface SecurityConfig {
  password: { minLength: number; minClasses: number; history: number };
  /** failures in the window that lock an account, and an address (a whole office behind one NAT may want more) */
  lockout: { maxFailures: number; maxFailuresPerAddress: number; windowMinutes: number };
  /** idle timeout and absolute lifetime; the office roles (admin, district_admin) get the stricter pair */
  session: { idleMinutes: number; idleMinutesAdmin: number; ttlHours: number; ttlHoursAdmin: number };
  auditRetentionDays: number;
  rateLimit: { writesPerMinute: number; loginsPerMinute: number; signupsPerHour: number };
  /** roles that may sign in only through single sign-on (LOCAL_LOGIN_DISABLED_ROLES) */
  localLoginDisabledRoles: RoleName[];
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings are treated as unset: `PORT= npm start` should not be an error.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message} (got ${JSON.stringify(cleaned[String(i.path[0])])})`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const publicUrl = (c.PUBLIC_URL ?? defaultPublicUrl(c.HOST, c.PORT)).replace(/\/+$/, '');
  const missing = c.OIDC_ISSUER ? (['OIDC_CLIENT_ID'] as const).filter((k) => !c[k]) : [];
  if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.map((k) => `  ${k}: required when OIDC_ISSUER is set`).join('\n')}`);
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    databasePoolWaitMs: c.DATABASE_POOL_WAIT_MS,
    responseCache: { enabled: c.RESPONSE_CACHE, memoryMb: c.RESPONSE_CACHE_MB },
    overloadEventLoopDelayMs: c.OVERLOAD_EVENT_LOOP_DELAY_MS ?? (c.DATABASE_URL ? 2000 : 0),
    randomPageCost: c.PG_RANDOM_PAGE_COST,
    adminPassword: c.ADMIN_PASSWORD,
    demo: c.DEMO ?? !c.DATABASE_URL,
    demoOrgCount: c.DEMO_ORG_COUNT,
    logLevel: c.LOG_LEVEL,
    sessionTtlHours: c.SESSION_TTL_HOURS,
    cookieSecure: c.COOKIE_SECURE,
    importMaxBytes: c.IMPORT_MAX_BYTES,
    importMaxInflatedBytes: c.IMPORT_MAX_INFLATED_BYTES,
    pdfFontPath: c.PDF_FONT_PATH,
    bulletinNumbers: { pattern: c.BULLETIN_NUMBER_PATTERN, cityPrefix: c.BULLETIN_CITY_PREFIX },
    booking: { pendingTtlHours: c.BOOKING_PENDING_TTL_HOURS, noShowGraceMinutes: c.BOOKING_NO_SHOW_GRACE_MINUTES, reminderHours: c.BOOKING_REMINDER_HOURS },
    surveyReminderDays: c.SURVEY_REMINDER_DAYS,
    demoInstrumentCount: c.DEMO_INSTRUMENT_COUNT,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    marketReview: c.MARKET_REVIEW,
    embeddings: c.EMBEDDINGS_URL
      ? { url: c.EMBEDDINGS_URL.replace(/\/+$/, ''), model: c.EMBEDDINGS_MODEL, apiKey: c.EMBEDDINGS_API_KEY, timeoutMs: c.EMBEDDINGS_TIMEOUT_MS }
      : null,
    contracts: {
      expertThresholdFen: c.CONTRACT_EXPERT_THRESHOLD_YUAN * 100,
      reviewDays: c.CONTRACT_REVIEW_DAYS,
      expertReviewDays: c.CONTRACT_EXPERT_REVIEW_DAYS,
      numberPattern: c.CONTRACT_NUMBER_PATTERN,
    },
    oidc: c.OIDC_ISSUER
      ? {
          issuer: c.OIDC_ISSUER,
          name: c.OIDC_NAME,
          clientId: c.OIDC_CLIENT_ID!,
          clientSecret: c.OIDC_CLIENT_SECRET,
          redirectUrl: c.OIDC_REDIRECT_URL ?? `${publicUrl}/api/v1/auth/sso/callback`,
          scopes: c.OIDC_SCOPES.trim().split(/\s+/).join(' '),
          roleClaim: c.OIDC_ROLE_CLAIM,
          roleMap: Object.fromEntries(pairs(c.OIDC_ROLE_MAP).map((p) => p.split('=').map((x) => x.trim()) as [string, RoleName])),
          orgClaim: c.OIDC_ORG_CLAIM,
          districtClaim: c.OIDC_DISTRICT_CLAIM,
          provision: c.OIDC_PROVISION,
        }
      : null,
    publicUrl,
    publicUrlSet: c.PUBLIC_URL !== undefined,
    security: {
      password: { minLength: c.PASSWORD_MIN_LENGTH, minClasses: c.PASSWORD_MIN_CLASSES, history: c.PASSWORD_HISTORY },
      lockout: { maxFailures: c.LOGIN_MAX_FAILURES, maxFailuresPerAddress: c.LOGIN_MAX_FAILURES_PER_ADDRESS, windowMinutes: c.LOGIN_FAILURE_WINDOW_MINUTES },
      session: {
        idleMinutes: c.SESSION_IDLE_MINUTES,
        idleMinutesAdmin: c.SESSION_IDLE_MINUTES_ADMIN,
        ttlHours: c.SESSION_TTL_HOURS,
        ttlHoursAdmin: Math.min(c.SESSION_TTL_HOURS_ADMIN, c.SESSION_TTL_HOURS),
      },
      auditRetentionDays: c.AUDIT_RETENTION_DAYS,
      rateLimit: {
        writesPerMinute: c.RATE_LIMIT_WRITES_PER_MINUTE,
        loginsPerMinute: c.RATE_LIMIT_LOGINS_PER_MINUTE,
        signupsPerHour: c.RATE_LIMIT_SIGNUPS_PER_HOUR,
      },
      localLoginDisabledRoles: pairs(c.LOCAL_LOGIN_DISABLED_ROLES).map((r) => r.trim() as RoleName),
    },
    webhooks: {
      allowHttp: c.WEBHOOKS_ALLOW_HTTP,
      maxAttempts: c.WEBHOOKS_MAX_ATTEMPTS,
      backoffSeconds: c.WEBHOOKS_BACKOFF_SECONDS.split(',').map(Number),
      pauseAfterFailures: c.WEBHOOKS_PAUSE_AFTER_FAILURES,
      timeoutMs: c.WEBHOOKS_TIMEOUT_MS,
    },
  };
}

/** The address main.ts prints: a wildcard listen address is shown as localhost, an IPv6 one in brackets. */
export function defaultPublicUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

const pairs = (text: string | undefined) => (text ?? '').split(',').filter((p) => p.trim());
