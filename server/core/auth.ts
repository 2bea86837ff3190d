// Passport (local strategy over the accounts service) for browsers, bearer tokens for API clients.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { findUserById } from '../../models/queries/users.ts';
import { authenticateToken, toSessionUser, verifyCredentials } from '../features/accounts/accounts.service.ts';
import type { Deps } from './deps.ts';
import { UnauthorizedError } from './errors.ts';

export function createPassport(deps: Deps): passport.PassportStatic {
  const instance = new passport.Passport() as passport.PassportStatic;
  instance.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      verifyCredentials(deps, email, password).then(
        (user) => done(null, user ? toSessionUser(user) : false),
        (err) => done(err),
      );
    }),
  );
  instance.serializeUser((user, done) => done(null, user.id));
  instance.deserializeUser((id: number, done) => {
    findUserById(deps.database.db, id).then(
      (user) => done(null, user ? toSessionUser(user) : false),
      (err) => done(err),
    );
  });
  return instance;
}

/** Authenticates `Authorization: Bearer <token>`; a bad token is a 401, never a silent anonymous. */
export function bearerToken(deps: Deps): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (!header) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const found = match?.[1] ? await authenticateToken(deps, match[1]) : undefined;
    if (!found) return next(new UnauthorizedError('errors.bad_token'));
    req.user = toSessionUser(found.user);
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
