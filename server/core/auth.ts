// Passport (local strategy) for browsers, bearer tokens for API clients. Who a person is comes from
// an Authenticator that the accounts feature supplies when the app is built: core knows no feature.
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { TokenScope } from '../../models/schema.ts';
import { AppError, UnauthorizedError } from './errors.ts';
import { isPageRequest } from './header-counts.ts';

/** What a live bearer token grants; `adminCapped` when its owner is an admin but the token lacks the admin scope. */
export type TokenGrant = { user: Express.User; tokenId: number; scopes: readonly TokenScope[]; adminCapped?: boolean };

/** What signing in needs to know about people; every answer is already a session user. */
export type Authenticator = {
  /** The person whose e-mail and password match (their login is recorded), or undefined. */
  verifyCredentials(email: string, password: string): Promise<Express.User | undefined>;
  /**
   * Who a live API token acts as and what it may do (its use is recorded with the address); why a
   * known token is refused (revoked, expired); undefined for a token nobody issued.
   */
  authenticateToken(token: string, ip?: string): Promise<TokenGrant | { refused: 'revoked' | 'expired' } | undefined>;
  /**
   * The person a session names, loaded afresh (a new role applies at once), or undefined; with
   * `headerCounts`, the registered header counts are read in the same statement and remembered.
   */
  sessionUser(id: number, opts?: { headerCounts?: boolean }): Promise<Express.User | undefined>;
};

export function createPassport(authenticator: Authenticator): passport.PassportStatic {
  const instance = new passport.Passport() as passport.PassportStatic;
  instance.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      authenticator.verifyCredentials(email, password).then(
        (user) => done(null, user ?? false),
        (err) => done(err),
      );
    }),
  );
  instance.serializeUser((user, done) => done(null, user.id));
  // With the request (arity 3): a page a browser shows also needs its header's counts.
  instance.deserializeUser((req: Request, id: number, done: (err: unknown, user?: Express.User | false) => void) => {
    authenticator.sessionUser(id, { headerCounts: isPageRequest(req) }).then(
      (user) => done(null, user ?? false),
      (err) => done(err),
    );
  });
  return instance;
}

/**
 * The scope a token needs for a request, the one place where scopes are enforced: reads (GET, HEAD,
 * OPTIONS) need `read`, every other method `write`; an admin's powers need `admin` (see
 * adminScopeRefusals). A token may always revoke itself.
 */
export function requiredScope(req: Request): TokenScope | undefined {
  if (req.method === 'DELETE' && req.originalUrl.split('?')[0] === '/api/v1/auth/token') return undefined;
  return ['GET', 'HEAD', 'OPTIONS'].includes(req.method) ? 'read' : 'write';
}

/** 403 for a token that lacks a scope, with the RFC 6750 challenge naming the scope. */
function insufficientScope(res: Response, scope: TokenScope): AppError {
  res.set('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${scope}"`);
  return new AppError(403, 'insufficient_scope', `errors.insufficient_scope_${scope}`);
}

/**
 * Authenticates `Authorization: Bearer <token>`; a bad, revoked or expired token is a 401, never a
 * silent anonymous, and a token without the scope the request needs is a 403.
 */
export function bearerToken(authenticator: Authenticator): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (!header) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const found = match?.[1] ? await authenticator.authenticateToken(match[1], req.ip) : undefined;
    if (!found || 'refused' in found) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      return next(new UnauthorizedError(found?.refused === 'expired' ? 'errors.token_expired' : 'errors.bad_token'));
    }
    req.user = found.user;
    req.apiTokenId = found.tokenId;
    req.apiTokenScopes = found.scopes;
    req.apiTokenAdminCapped = Boolean(found.adminCapped);
    const needed = requiredScope(req);
    if (needed && !found.scopes.includes(needed)) return next(insufficientScope(res, needed));
    next();
  };
}

/**
 * An admin's token without the admin scope acts as a member, so every policy refuses it an admin's
 * powers; this error handler (mounted after the routes) names the real reason of such a refusal.
 */
export const adminScopeRefusals: ErrorRequestHandler = (err, req, res, next) => {
  const refused = err instanceof AppError && err.status === 403 && err.code === 'forbidden';
  next(refused && req.apiTokenAdminCapped ? insufficientScope(res, 'admin') : err);
};

/** Pages that need a signed-in person redirect to the login page and come back afterwards. */
export function requireLogin(req: Request, res: Response, next: NextFunction): void {
  if (req.user) return next();
  res.redirect(303, `/accedi?next=${encodeURIComponent(req.originalUrl)}`);
}

/** A local path to return to after login: only same-site paths, never //host or a scheme. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

/** API routes that need an identity answer 401 in JSON. */
export function requireAuth(req: Request, _res: Response, next: NextFunction): void {
  next(req.user ? undefined : new UnauthorizedError());
}
