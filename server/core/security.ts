// Helmet with a CSP that allows no inline script, CSRF for form posts, rate limits for auth.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { csrfSync } from 'csrf-sync';
import type { Config } from '../config.ts';
import { AppError } from './errors.ts';

export function securityHeaders(config: Config): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The two hashes are <style> elements the bootstrap-italia bundle's video player injects
        // (an empty one and its YouTube rules); the browser test fails if they ever change.
        styleSrc: ["'self'", "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='", "'sha256-wPXhisdsFu1DtHYH1D9W5isSGqS5vIPn6QJWSNLqfCM='"],
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

/** Writes (POST, PUT, PATCH, DELETE) per person or address: generous, but a runaway script stops. */
export function writeRateLimit(config: Config): RequestHandler {
  const limiter = rateLimit({
    windowMs: config.rateLimit.windowMs,
    limit: config.rateLimit.writeMax,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => (req.user ? `user:${req.user.id}` : `ip:${ipKeyGenerator(req.ip ?? '')}`),
    handler: (_req, _res, next) => next(new AppError(429, 'rate_limited', 'errors.rate_limited')),
  });
  return (req, res, next) => (['GET', 'HEAD', 'OPTIONS'].includes(req.method) ? next() : limiter(req, res, next));
}

export function authRateLimit(config: Config): RequestHandler {
  return rateLimit({
    windowMs: config.rateLimit.windowMs,
    limit: config.rateLimit.authMax,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError(429, 'rate_limited', 'errors.rate_limited')),
  });
}
