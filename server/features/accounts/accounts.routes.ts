// Registration, login, logout and personal API tokens: pages and /api/v1/auth.
import { Router, type Request, type Response } from 'express';
import type passport from 'passport';
import { requireAuth, requireLogin, safeReturnPath } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError, UnauthorizedError, ValidationError } from '../../core/errors.ts';
import { flash, formPost, formState } from '../../core/http.ts';
import { csrfToken, loginRateLimit, registrationRateLimit } from '../../core/security.ts';
import { parseInput } from '../../core/validation.ts';
import { allOrganizations } from '../organizations/organizations.service.ts';
import { idParam, loginSchema, REGIONS, tokenSchema } from './accounts.schema.ts';
import * as accounts from './accounts.service.ts';

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'errors.invalid_credentials');

export function accountRoutes(deps: Deps, auth: passport.PassportStatic): Router {
  const router = Router();
  const loginLimit = loginRateLimit(deps.config);
  const registrationLimit = registrationRateLimit(deps.config);

  const renderRegister = async (req: Request, res: Response, err?: AppError) => {
    const organizations = await allOrganizations(deps);
    res.status(err?.status ?? 200).render('accounts/register', {
      title: req.t('register.title'),
      breadcrumbs: [{ label: req.t('register.title') }],
      csrf: csrfToken(req),
      regions: REGIONS,
      organizations,
      ...formState(req, err?.fields),
      formError: err ? req.t(err.key) : undefined,
    });
  };

  router.get('/registrati', (req, res) =>
    req.user ? res.redirect(303, `/membri/${req.user.id}`) : renderRegister(req, res),
  );

  router.post(
    '/registrati',
    registrationLimit,
    formPost(
      async (req, res) => {
        const user = await accounts.register(deps, req.body);
        await new Promise<void>((resolve, reject) =>
          req.login(accounts.toSessionUser(user), (err) => (err ? reject(err) : resolve())),
        );
        flash(req, 'success', 'register.welcome', { name: user.name });
        res.redirect(303, `/membri/${user.id}`);
      },
      renderRegister,
      [400, 409],
    ),
  );

  const renderLogin = (req: Request, res: Response, err?: AppError) => {
    res.status(err?.status ?? 200).render('accounts/login', {
      title: req.t('login.title'),
      breadcrumbs: [{ label: req.t('login.title') }],
      csrf: csrfToken(req),
      next: safeReturnPath(req.body?.next ?? req.query.next),
      ...formState(req, err?.fields),
      formError: err && !err.fields ? req.t(err.key) : undefined,
    });
  };

  router.get('/accedi', (req, res) => (req.user ? res.redirect(303, '/') : renderLogin(req, res)));

  router.post('/accedi', loginLimit, (req, res, next) => {
    try {
      parseInput(loginSchema, req.body);
    } catch (err) {
      return renderLogin(req, res, err as ValidationError);
    }
    auth.authenticate('local', (err: unknown, user: Express.User | false) => {
      if (err) return next(err);
      if (!user) return renderLogin(req, res, invalidCredentials());
      req.logIn(user, (loginErr) => {
        if (loginErr) return next(loginErr);
        res.redirect(303, safeReturnPath(req.body?.next));
      });
    })(req, res, next);
  });

  router.get('/esci', (req, res) => {
    if (!req.user) return res.redirect(303, '/');
    res.render('accounts/logout', { title: req.t('logout.title'), breadcrumbs: [{ label: req.t('logout.title') }] });
  });

  router.post('/esci', (req, res, next) => {
    const userId = req.user?.id;
    const sessionId = req.sessionID;
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy(() => {
        const recorded = userId ? accounts.sessionsEnded(deps, userId, [sessionId]) : Promise.resolve();
        recorded.then(() => {
          res.clearCookie('retespi.sid');
          res.redirect(303, '/');
        }, next);
      });
    });
  });

  // Personal API tokens, managed from the profile.
  router.get('/profilo/token', requireLogin, async (req, res) => {
    const tokens = await accounts.listTokens(deps, req.user ?? null);
    res.render('accounts/tokens', {
      title: req.t('tokens.title'),
      breadcrumbs: [{ label: req.t('tokens.title') }],
      tokens: tokens.map((t) => ({ ...t, revoked: Boolean(t.revokedAt) })),
      newToken: res.locals.newToken,
      csrf: csrfToken(req),
    });
  });

  router.post('/profilo/token', requireLogin, async (req, res, next) => {
    try {
      const created = await accounts.createToken(deps, req.user!, req.body?.name);
      const tokens = await accounts.listTokens(deps, req.user ?? null);
      res.status(201).render('accounts/tokens', {
        title: req.t('tokens.title'),
        breadcrumbs: [{ label: req.t('tokens.title') }],
        tokens: tokens.map((t) => ({ ...t, revoked: Boolean(t.revokedAt) })),
        newToken: created,
        csrf: csrfToken(req),
      });
    } catch (err) {
      next(err);
    }
  });

  router.post('/profilo/token/:id/revoca', requireLogin, async (req, res) => {
    await accounts.revokeToken(deps, req.user ?? null, parseInput(idParam, req.params.id));
    flash(req, 'success', 'tokens.revoked');
    res.redirect(303, '/profilo/token');
  });

  // JSON API
  router.post('/api/v1/auth/register', registrationLimit, async (req, res) => {
    const user = await accounts.register(deps, req.body);
    res
      .status(201)
      .location(`/api/v1/users/${user.id}`)
      .json({ user: accounts.toPublicUser(user) });
  });

  router.post('/api/v1/auth/token', loginLimit, async (req, res) => {
    const input = parseInput(tokenSchema, req.body);
    const user = await accounts.verifyCredentials(deps, input.email, input.password);
    if (!user) throw invalidCredentials();
    const created = await accounts.createToken(deps, accounts.toSessionUser(user), input.name);
    res.status(201).json(created);
  });

  router.delete('/api/v1/auth/token', requireAuth, async (req, res) => {
    if (!req.apiTokenId) throw new UnauthorizedError('errors.token_required');
    await accounts.revokeToken(deps, req.user ?? null, req.apiTokenId);
    res.status(204).end();
  });

  router.get('/api/v1/me/tokens', requireAuth, async (req, res) => {
    const tokens = await accounts.listTokens(deps, req.user ?? null);
    res.json({
      tokens: tokens.map((t) => ({
        id: t.id,
        name: t.name,
        createdAt: t.createdAt,
        lastUsedAt: t.lastUsedAt,
        revokedAt: t.revokedAt,
      })),
    });
  });

  router.delete('/api/v1/me/tokens/:id', requireAuth, async (req, res) => {
    await accounts.revokeToken(deps, req.user ?? null, parseInput(idParam, req.params.id));
    res.status(204).end();
  });

  router.patch('/api/v1/users/:id/role', requireAuth, async (req, res) => {
    const user = await accounts.changeRole(deps, req.user ?? null, parseInput(idParam, req.params.id), req.body);
    res.json({ user: accounts.toPublicUser(user) });
  });

  return router;
}
