// The only reader of process.env: every setting is parsed and checked here, once.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

export const ROOT_DIR = path.resolve(import.meta.dirname, '..');

const intFrom = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  ATTACHMENTS_DIR: z.string().optional(),
  ATTACHMENT_MAX_BYTES: intFrom(10 * 1024 * 1024),
  REDIS_URL: z.string().optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/)
    .optional(),
  SESSION_SECRET: z.string().min(16, 'SESSION_SECRET must be at least 16 characters').optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().min(3).default('Rete SPI <noreply@localhost>'),
  DIGEST_CHECK_MINUTES: intFrom(15),
  OIDC_ISSUER: z.string().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_SCOPES: z.string().optional(),
  OIDC_CLIENT_AUTH: z.enum(['client_secret_basic', 'client_secret_post', 'private_key_jwt']).optional(),
  OIDC_PRIVATE_KEY_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  DEMO_CONTENT: z.enum(['auto', 'never']).default('auto'),
  ACCESSIBILITY_URL: z.string().optional(),
  RATE_LIMIT_AUTH_MAX: intFrom(30),
  RATE_LIMIT_LOGIN_ACCOUNT_MAX: intFrom(10),
  RATE_LIMIT_WRITE_MAX: intFrom(600),
  RATE_LIMIT_TOKEN_MAX: intFrom(3000),
  RATE_LIMIT_WINDOW_SECONDS: intFrom(900),
  TRUST_PROXY: z.string().optional(),
  LIVE_MAX_SOCKETS_PER_USER: intFrom(10),
  EVENT_DISPATCH: z.enum(['on', 'off']).default('on'),
  EVENT_POLL_MS: intFrom(1000),
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).optional(),
  PAGE_CACHE_MB: intFrom(32),
  ISSUER_NAME: z.string().trim().min(2).max(200).default('Rete SPI'),
  CREDENTIALS_KEY_DIR: z.string().optional(),
  TRUSTED_ISSUERS: z.string().optional(),
  API_CORS_ORIGINS: z.string().optional(),
  WEBHOOK_RETRY_BASE_MS: intFrom(30_000),
  WEBHOOK_POLL_MS: intFrom(1000),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string;
  dataDir: string;
  /** Uploaded files (outside the database, so backups must copy this folder too). */
  attachmentsDir: string;
  attachmentMaxBytes: number;
  redisUrl: string | undefined;
  /** Channel prefix on Redis: processes of one deployment share it; other deployments on the same Redis do not. */
  redisPrefix: string;
  sessionSecret: string;
  smtpUrl: string | undefined;
  /** Sender of every e-mail ("Name <address>"). */
  mailFrom: string;
  /** How often the scheduled jobs look for a digest still to send. */
  digestCheckMinutes: number;
  /**
   * Federated login (SPID/CIE over OpenID Connect), when OIDC_ISSUER and OIDC_CLIENT_ID are set: the
   * client authenticates at the token endpoint with its secret (basic or post) or, when a private
   * key file (PKCS#8 PEM) is named, with private_key_jwt.
   */
  oidc:
    | {
        issuer: string;
        clientId: string;
        clientSecret: string;
        scopes: string;
        clientAuth: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
        privateKeyFile: string | undefined;
      }
    | undefined;
  logLevel: string;
  demoContent: boolean;
  accessibilityUrl: string;
  /** tokenMax: requests of any kind one API token may make per window (0026_oidc_tokens.sql). */
  rateLimit: { authMax: number; loginAccountMax: number; writeMax: number; tokenMax: number; windowMs: number };
  trustProxy: string | number | boolean;
  secureCookies: boolean;
  /** Live (Socket.IO) connections one person may hold open at once, across processes. */
  liveMaxSocketsPerUser: number;
  /**
   * Whether this process delivers domain events from the outbox (on by default). A deployment may run
   * web-only processes with "off" and leave delivery to the others; nothing is lost either way.
   */
  eventDispatch: boolean;
  /** How often the dispatcher looks for events to retry or that no notification announced. */
  eventPollMs: number;
  /**
   * The anonymous pages' HTML cache (core/page-cache.ts): how long a page may be served from memory
   * (0: off; by default 60 s in production, off otherwise) and how much memory it may hold.
   */
  pageCache: { ttlMs: number; maxBytes: number };
  /** The deploying administration, named as the issuer of the credentials the platform signs. */
  issuerName: string;
  /** The credential signing keys (JWK files, 0600), outside the database: backups must copy it too. */
  credentialsKeyDir: string;
  /** Origins (scheme://host[:port]) of other instances whose published keys may be fetched even over http or on a private address. */
  trustedIssuers: string[];
  /** Origins (scheme://host[:port]) whose browser scripts may call /api/v1 (CORS); empty: none. */
  apiCorsOrigins: string[];
  webhooks: {
    /** Delay after a webhook delivery's first failed attempt; it doubles after each (capped at an hour). */
    retryBaseMs: number;
    /** How often the delivery worker looks for deliveries due. */
    pollMs: number;
  };
};

export class ConfigError extends Error {}

/** Express's `trust proxy`: true/false, a hop count ("1"), or addresses and subnets ("loopback, 10.0.0.0/8"). */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** TRUSTED_ISSUERS: comma-separated origins; anything that is not an http(s) URL is a configuration error. */
function parseTrustedIssuers(value: string | undefined): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return origins.map((origin) => {
    const url = URL.canParse(origin) ? new URL(origin) : null;
    if (!url || !['http:', 'https:'].includes(url.protocol)) {
      throw new ConfigError(
        `TRUSTED_ISSUERS: "${origin}" non è un indirizzo http(s) / is not an http(s) origin (e.g. https://spi.regione.it)`,
      );
    }
    return url.origin;
  });
}

/** API_CORS_ORIGINS: comma-separated origins ("*" is refused: the API is not for every site's scripts). */
function parseCorsOrigins(value: string | undefined): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return origins.map((origin) => {
    const url = URL.canParse(origin) ? new URL(origin) : null;
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== origin.replace(/\/$/, '')) {
      throw new ConfigError(
        `API_CORS_ORIGINS: "${origin}" non è un'origine http(s) / is not an http(s) origin (e.g. https://portale.regione.it)`,
      );
    }
    return url.origin;
  });
}

/** The OIDC_* variables: a usable issuer URL, and a secret or a key for the chosen client authentication. */
function parseOidc(e: z.infer<typeof envSchema>): NonNullable<Config['oidc']> {
  const issuer = e.OIDC_ISSUER!;
  if (!URL.canParse(issuer) || !['http:', 'https:'].includes(new URL(issuer).protocol)) {
    throw new ConfigError(`OIDC_ISSUER: "${issuer}" non è un indirizzo http(s) / is not an http(s) URL`);
  }
  const privateKeyFile = e.OIDC_PRIVATE_KEY_FILE ? path.resolve(ROOT_DIR, e.OIDC_PRIVATE_KEY_FILE) : undefined;
  const clientAuth = e.OIDC_CLIENT_AUTH ?? (privateKeyFile ? 'private_key_jwt' : 'client_secret_basic');
  if (clientAuth === 'private_key_jwt' && !privateKeyFile) {
    throw new ConfigError('OIDC_CLIENT_AUTH=private_key_jwt richiede / needs OIDC_PRIVATE_KEY_FILE (PKCS#8 PEM)');
  }
  if (clientAuth !== 'private_key_jwt' && !e.OIDC_CLIENT_SECRET) {
    throw new ConfigError(`OIDC_CLIENT_AUTH=${clientAuth} richiede / needs OIDC_CLIENT_SECRET`);
  }
  return {
    issuer,
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET ?? '',
    scopes: (e.OIDC_SCOPES ?? 'openid profile email').trim().replace(/\s+/g, ' '),
    clientAuth,
    privateKeyFile,
  };
}

/** Parses the environment into a Config, or throws a ConfigError that says what to fix. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Configurazione non valida / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.SESSION_SECRET) {
    throw new ConfigError(
      'SESSION_SECRET è obbligatorio con NODE_ENV=production: impostalo a una stringa casuale di almeno 32 caratteri.\n' +
        'SESSION_SECRET is required when NODE_ENV=production: set it to a random string of at least 32 characters.',
    );
  }
  const dataDir = path.resolve(ROOT_DIR, e.DATA_DIR);
  const oidc = e.OIDC_ISSUER && e.OIDC_CLIENT_ID ? parseOidc(e) : undefined;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    databaseUrl: e.DATABASE_URL || `file://${path.join(dataDir, 'pglite')}`,
    dataDir,
    attachmentsDir: e.ATTACHMENTS_DIR ? path.resolve(ROOT_DIR, e.ATTACHMENTS_DIR) : path.join(dataDir, 'attachments'),
    attachmentMaxBytes: e.ATTACHMENT_MAX_BYTES,
    redisUrl: e.REDIS_URL,
    redisPrefix:
      e.REDIS_PREFIX ??
      `retespi-${createHash('sha256')
        .update(e.DATABASE_URL || dataDir)
        .digest('hex')
        .slice(0, 10)}`,
    sessionSecret: e.SESSION_SECRET ?? 'rete-spi-development-only-secret',
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    digestCheckMinutes: e.DIGEST_CHECK_MINUTES,
    oidc,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    demoContent: !production && e.DEMO_CONTENT === 'auto',
    accessibilityUrl: e.ACCESSIBILITY_URL ?? '/dichiarazione-accessibilita',
    rateLimit: {
      authMax: e.RATE_LIMIT_AUTH_MAX,
      loginAccountMax: e.RATE_LIMIT_LOGIN_ACCOUNT_MAX,
      writeMax: e.RATE_LIMIT_WRITE_MAX,
      tokenMax: e.RATE_LIMIT_TOKEN_MAX,
      windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000,
    },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    secureCookies: publicUrl.startsWith('https://'),
    liveMaxSocketsPerUser: e.LIVE_MAX_SOCKETS_PER_USER,
    eventDispatch: e.EVENT_DISPATCH === 'on',
    eventPollMs: e.EVENT_POLL_MS,
    pageCache: {
      ttlMs: (e.PAGE_CACHE_SECONDS ?? (production ? 60 : 0)) * 1000,
      maxBytes: e.PAGE_CACHE_MB * 1024 * 1024,
    },
    issuerName: e.ISSUER_NAME,
    credentialsKeyDir: e.CREDENTIALS_KEY_DIR
      ? path.resolve(ROOT_DIR, e.CREDENTIALS_KEY_DIR)
      : path.join(dataDir, 'keys'),
    trustedIssuers: parseTrustedIssuers(e.TRUSTED_ISSUERS),
    apiCorsOrigins: parseCorsOrigins(e.API_CORS_ORIGINS),
    webhooks: { retryBaseMs: e.WEBHOOK_RETRY_BASE_MS, pollMs: e.WEBHOOK_POLL_MS },
  };
}
