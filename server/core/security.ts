// Helmet with a CSP that allows no inline script, CSRF for form posts, rate limits for auth.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { csrfSync } from 'csrf-sync';
import type { Config } from '../config.ts';
import type { Deps } from './deps.ts';
import { AppError } from './errors.ts';
import { SharedLimitStore } from './rate-limit-store.ts';
import { sharedRedis } from './redis.ts';

export function securityHeaders(config: Config): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The two hashes are <style> elements the bootstrap-italia bundle's video player injects
        // (an empty one and its YouTube rules); the browser test fails if they ever change.
        styleSrc: [
          "'self'",
          "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
          "'sha256-wPXhisdsFu1DtHYH1D9W5isSGqS5vIPn6QJWSNLqfCM='",
        ],
        // bootstrap-italia's components set style attributes from script (menus, tooltips).
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // bootstrap-italia's CSS embeds some icon fonts as data: URIs.
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: config.secureCookies,
  });
}

const csrf = csrfSync({
  // 32 random bytes (256 bits) are as unguessable as the default 128, and every form carries the
  // token: 64 hexadecimal characters instead of 256 on each.
  size: 32,
  getTokenFromRequest: (req) =>
    (req.body?._csrf as string | undefined) ??
    (req.headers['x-csrf-token'] as string | undefined) ??
    // Multipart bodies (file uploads) are parsed only after this check, so those forms carry the
    // token in their action URL (?_csrf=); no other kind of request may.
    (req.is('multipart/form-data') && typeof req.query._csrf === 'string' ? req.query._csrf : undefined),
});

/** The form token for this visitor's session (creates the session on first use). */
export const csrfToken = (req: Request): string => csrf.generateToken(req);

/**
 * Form posts always need the token. API calls need it only when a browser session authenticates
 * them; bearer-token and anonymous API calls carry no ambient credential to forge.
 */
export function csrfProtection(req: Request, res: Response, next: NextFunction): void {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
  const api = req.originalUrl.startsWith('/api/');
  if (api && (req.get('authorization') || !req.session?.passport?.user)) return next();
  csrf.csrfSynchronisedProtection(req, res, next);
}

type LimitDeps = Pick<Deps, 'config' | 'log'>;

/**
 * Where a limiter counts: with REDIS_URL, in Redis under the deployment's prefix, so every process
 * of the deployment shares one count (each limiter under its own name); in this process's memory
 * without it, or while Redis is away.
 */
const limitStore = ({ config, log }: LimitDeps, name: string) =>
  new SharedLimitStore(
    config.redisUrl ? sharedRedis(config.redisUrl, log) : undefined,
    `${config.redisPrefix}:rl:${name}:`,
    log,
  );

/** Writes (POST, PUT, PATCH, DELETE) per person or address: generous, but a runaway script stops. */
export function writeRateLimit(deps: LimitDeps): RequestHandler {
  const { config } = deps;
  const limiter = rateLimit({
    store: limitStore(deps, 'write'),
    windowMs: config.rateLimit.windowMs,
    limit: config.rateLimit.writeMax,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => (req.user ? `user:${req.user.id}` : `ip:${ipKeyGenerator(req.ip ?? '')}`),
    handler: limitHandler('errors.rate_limited'),
  });
  return (req, res, next) => (['GET', 'HEAD', 'OPTIONS'].includes(req.method) ? next() : limiter(req, res, next));
}

/**
 * Every request (reads too) per API token: one integration's runaway loop is stopped without
 * touching the other tokens of the same person or system.
 */
export function tokenRateLimit(deps: LimitDeps): RequestHandler {
  const { config } = deps;
  return rateLimit({
    store: limitStore(deps, 'token'),
    windowMs: config.rateLimit.windowMs,
    limit: config.rateLimit.tokenMax,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `token:${req.apiTokenId}`,
    skip: (req) => req.apiTokenId === undefined,
    handler: limitHandler('errors.rate_limited_token'),
  });
}

/**
 * Reads that cost real work to produce (a generated PDF): a few a minute per person, so repeating
 * one cannot keep the process busy for everyone else.
 */
export function heavyReadRateLimit(deps: LimitDeps, name: string, perMinute = 10): RequestHandler {
  return rateLimit({
    store: limitStore(deps, `heavy-${name}`),
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => (req.user ? `user:${req.user.id}` : `ip:${ipKeyGenerator(req.ip ?? '')}`),
    handler: limitHandler('errors.rate_limited'),
  });
}

const limitHandler = (key: string) => (_req: Request, _res: Response, next: NextFunction) =>
  next(new AppError(429, 'rate_limited', key));

/** The account a sign-in is for: its e-mail as typed, trimmed and lower-cased. */
const accountKey = (req: Request): string | undefined => {
  const email: unknown = req.body?.email;
  return typeof email === 'string' && email.trim() ? email.trim().toLowerCase().slice(0, 320) : undefined;
};

/**
 * Sign-in (form and token) limits, two separate buckets that count only failures (a status of
 * 400 or more): per account, so guessing one person's password stops whatever addresses it comes
 * from; and per address, so one source cannot spray many accounts. A whole office behind one NAT
 * shares only the address bucket, and its successful sign-ins do not use it up.
 */
export function loginRateLimit(deps: LimitDeps, name = 'login'): RequestHandler {
  const { config } = deps;
  const common = {
    windowMs: config.rateLimit.windowMs,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
  } as const;
  const [perAddress, perAccount] = [
    rateLimit({
      ...common,
      store: limitStore(deps, `${name}-ip`),
      limit: config.rateLimit.authMax,
      keyGenerator: (req) => `login-ip:${ipKeyGenerator(req.ip ?? '')}`,
      handler: limitHandler('errors.rate_limited'),
    }),
    rateLimit({
      ...common,
      store: limitStore(deps, `${name}-account`),
      limit: config.rateLimit.loginAccountMax,
      keyGenerator: (req) => `login-account:${accountKey(req)}`,
      skip: (req) => accountKey(req) === undefined,
      handler: limitHandler('errors.rate_limited_account'),
    }),
  ];
  return (req, res, next) => perAddress(req, res, (err?: unknown) => (err ? next(err) : perAccount(req, res, next)));
}

/** Registrations per address, successful or not: creating accounts in bulk stops. */
export function registrationRateLimit(deps: LimitDeps): RequestHandler {
  const { config } = deps;
  return rateLimit({
    store: limitStore(deps, 'register'),
    windowMs: config.rateLimit.windowMs,
    limit: config.rateLimit.authMax,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `register-ip:${ipKeyGenerator(req.ip ?? '')}`,
    handler: limitHandler('errors.rate_limited'),
  });
}

/**
 * What a signed-in person (or an API token) is shown is theirs: never stored by a browser or a
 * proxy (a shared office PC keeps no notifications or new token after sign-out). Every answer
 * varies by who asks, so a cache never hands one person's page to another.
 */
export function privateResponses(req: Request, res: Response, next: NextFunction): void {
  res.vary('Cookie');
  if (req.get('authorization')) res.vary('Authorization');
  if (req.user || req.get('authorization')) res.set('Cache-Control', 'no-store');
  next();
}
