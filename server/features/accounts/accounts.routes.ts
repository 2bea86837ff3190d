// Registration, login, logout and personal API tokens: pages and /api/v1/auth.
import { Router, type Request, type Response } from 'express';
import type passport from 'passport';
import { requireAuth, safeReturnPath } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError, ValidationError } from '../../core/errors.ts';
import { flash, formPost, formState } from '../../core/http.ts';
import { csrfToken, loginRateLimit, registrationRateLimit } from '../../core/security.ts';
import { parseInput } from '../../core/validation.ts';
import { allOrganizations } from '../organizations/organizations.service.ts';
import { idParam, loginSchema, REGIONS } from './accounts.schema.ts';
import * as accounts from './accounts.service.ts';
import { loginPage } from './login.view.ts';
import { tokenRoutes } from './tokens.routes.ts';

export function accountRoutes(deps: Deps, auth: passport.PassportStatic): Router {
  const router = Router();
  const loginLimit = loginRateLimit(deps);
  const registrationLimit = registrationRateLimit(deps);

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
    res.status(err?.status ?? 200).render('accounts/login', loginPage(req, deps.config, err));
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
      if (!user) return renderLogin(req, res, accounts.invalidCredentials());
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
          // A provider's end-session address when the person signed in with SPID/CIE (oidc.routes.ts).
          res.redirect(303, (res.locals.providerLogoutUrl as string | undefined) ?? '/');
        }, next);
      });
    });
  });

  // JSON API
  router.post('/api/v1/auth/register', registrationLimit, async (req, res) => {
    const user = await accounts.register(deps, req.body);
    res
      .status(201)
      .location(`/api/v1/users/${user.id}`)
      .json({ user: accounts.toPublicUser(user) });
  });

  router.use(tokenRoutes(deps, loginLimit));

  router.patch('/api/v1/users/:id/role', requireAuth, async (req, res) => {
    const user = await accounts.changeRole(deps, req.user ?? null, parseInput(idParam, req.params.id), req.body);
    res.json({ user: accounts.toPublicUser(user) });
  });

  return router;
}
