// Passport (local strategy) for browsers, bearer tokens for API clients. Who a person is comes from
// an Authenticator that the accounts feature supplies when the app is built: core knows no feature.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { UnauthorizedError } from './errors.ts';
import { isPageRequest } from './header-counts.ts';

/** What signing in needs to know about people; every answer is already a session user. */
export type Authenticator = {
  /** The person whose e-mail and password match (their login is recorded), or undefined. */
  verifyCredentials(email: string, password: string): Promise<Express.User | undefined>;
  /** The person a live personal API token belongs to, with the token's id, or undefined. */
  authenticateToken(token: string): Promise<{ user: Express.User; tokenId: number } | undefined>;
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

/** Authenticates `Authorization: Bearer <token>`; a bad token is a 401, never a silent anonymous. */
export function bearerToken(authenticator: Authenticator): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (!header) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const found = match?.[1] ? await authenticator.authenticateToken(match[1]) : undefined;
    if (!found) return next(new UnauthorizedError('errors.bad_token'));
    req.user = found.user;
    req.apiTokenId = found.tokenId;
    next();
  };
}

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
