// SPID/CIE sign-in over OpenID Connect: /accedi/spid starts it, the provider comes back to
// /accedi/spid/callback, a new person completes their account at /accedi/spid/completa, and
// signing out (/esci) ends the provider's session too where the provider supports it.
import { Router, type NextFunction, type Request, type Response } from 'express';
import type passport from 'passport';
import type { VerifyFunctionWithRequest } from 'openid-client/passport';
import { safeReturnPath } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/errors.ts';
import { flash, formPost, formState } from '../../core/http.ts';
import { csrfToken, loginRateLimit } from '../../core/security.ts';
import { REGIONS } from '../accounts/accounts.schema.ts';
import { toSessionUser } from '../accounts/accounts.service.ts';
import { loginPage } from '../accounts/login.view.ts';
import { allOrganizations } from '../organizations/organizations.service.ts';
import { CALLBACK_PATH, createOidcClient, isNetworkError, ProviderUnavailableError } from './oidc.client.ts';
import { identityFromClaims, type ProviderIdentity } from './oidc.schema.ts';
import { completeFirstLogin, signInWithProvider, type SignInResult } from './oidc.service.ts';

const failed = () => new AppError(401, 'oidc_failed', 'oidc.failed');
const cancelled = () => new AppError(401, 'oidc_cancelled', 'oidc.cancelled');

/** An error and its causes, outermost first. */
function causeChain(err: unknown): { message?: string; code?: string; claim?: unknown }[] {
  const chain: { message?: string; code?: string; claim?: unknown }[] = [];
  for (let e = err; e && typeof e === 'object' && chain.length < 5; e = (e as { cause?: unknown }).cause) {
    chain.push(e as { message?: string; code?: string; claim?: unknown });
  }
  return chain;
}

/** What the verify step hands back to the callback route. */
type VerifyInfo = { result?: SignInResult; idToken?: string; message?: string };

export function oidcRoutes(deps: Deps, auth: passport.PassportStatic): Router {
  const router = Router();
  const verify: VerifyFunctionWithRequest = (_req, tokens, verified) => {
    (async () => {
      const claims = tokens.claims();
      if (!claims) throw new Error('the provider sent no ID token');
      const userinfo = tokens.access_token ? await oidc!.userinfo(tokens.access_token, claims.sub) : {};
      const identity = identityFromClaims(claims.iss, { ...claims, ...userinfo, sub: claims.sub });
      const result = await signInWithProvider(deps, identity);
      const info: VerifyInfo = { result, idToken: tokens.id_token };
      verified(null, 'user' in result ? toSessionUser(result.user) : false, info);
    })().catch((err: unknown) => verified(err));
  };
  const oidc = createOidcClient(deps.config, verify);
  if (!oidc) return router;
  const limit = loginRateLimit(deps, 'oidc');

  const refuse = (req: Request, res: Response, err: AppError) =>
    res.status(err.status).render('accounts/login', loginPage(req, deps.config, err));

  /** Why a callback failed, logged (forged state or nonce, replayed code, bad ID token) and shown. */
  const callbackError = (req: Request, res: Response, err: unknown) => {
    const e = err as { code?: string; error?: string; message?: string };
    // openid-client wraps the precise reason (which claim, which parameter) in its error's causes.
    const causes = causeChain(err);
    const reason = causes
      .map((c) => c.message)
      .filter(Boolean)
      .join(': ');
    const claim = causes.find((c) => typeof c.claim === 'string')?.claim;
    const where = { ip: req.ip, code: causes.at(-1)?.code ?? e.code, error: e.error, claim, reason };
    if (err instanceof ProviderUnavailableError || isNetworkError(err)) {
      deps.log.warn({ event: 'oidc.unavailable', ...where }, 'SPID/CIE provider unreachable');
      return refuse(req, res, err instanceof ProviderUnavailableError ? err : new ProviderUnavailableError(err));
    }
    const event = /"state"/.test(reason)
      ? 'oidc.forged_state'
      : claim === 'nonce'
        ? 'oidc.forged_nonce'
        : e.error === 'invalid_grant'
          ? 'oidc.invalid_grant'
          : 'oidc.invalid_response';
    deps.log.warn({ event, ...where }, 'SPID/CIE sign-in refused');
    return refuse(req, res, failed());
  };

  /** Signs the person in; the ID token is kept to end the provider's session at sign-out. */
  const signIn = (req: Request, res: Response, next: NextFunction, user: Express.User, idToken?: string) => {
    const returnTo = safeReturnPath(req.session.returnTo);
    req.logIn(user, (err) => {
      if (err) return next(err);
      if (idToken) req.session.oidc = { idToken };
      res.redirect(303, returnTo);
    });
  };

  router.get('/accedi/spid', async (req, res, next) => {
    if (req.user) return res.redirect(303, '/');
    try {
      const strategy = await oidc.strategy();
      req.session.returnTo = safeReturnPath(req.query.next);
      auth.authenticate(strategy)(req, res, next);
    } catch (err) {
      callbackError(req, res, err);
    }
  });

  router.get(CALLBACK_PATH, limit, async (req, res, next) => {
    let strategy: passport.Strategy;
    try {
      strategy = await oidc.strategy();
    } catch (err) {
      return callbackError(req, res, err);
    }
    auth.authenticate(strategy, (err: unknown, user: Express.User | false, info?: VerifyInfo) => {
      if (err) return callbackError(req, res, err);
      if (user) return signIn(req, res, next, user, info?.idToken);
      const result = info?.result;
      if (result && 'pending' in result) {
        req.session.oidcPending = { identity: result.pending, idToken: info?.idToken };
        // Saved before the redirect leaves: express-session would send the response's head first and
        // store the session meanwhile, and a browser quicker than the store (a loaded database) asked
        // for the form before the pending identity was there, and was sent back to /accedi.
        return req.session.save((saveErr) => (saveErr ? next(saveErr) : res.redirect(303, '/accedi/spid/completa')));
      }
      if (result && 'refused' in result) {
        deps.log.warn({ event: 'oidc.service_account', ip: req.ip }, 'SPID/CIE identity linked to a service account');
        return refuse(req, res, failed());
      }
      if (info?.message === 'Unable to verify authorization request state') {
        // No sign-in was started from this browser: a forged or replayed callback.
        deps.log.warn(
          { event: 'oidc.forged_state', ip: req.ip, reason: 'no pending request' },
          'SPID/CIE sign-in refused',
        );
        return refuse(req, res, failed());
      }
      return refuse(req, res, cancelled());
    })(req, res, next);
  });

  const pendingOf = (req: Request): { identity: ProviderIdentity; idToken?: string } | undefined =>
    req.session.oidcPending;

  const renderFirstLogin = async (req: Request, res: Response, err?: AppError) => {
    const pending = pendingOf(req);
    if (!pending) return res.redirect(303, '/accedi');
    const state = formState(req, err?.fields);
    const { identity } = pending;
    res.status(err?.status ?? 200).render('oidc/first-login', {
      title: req.t('oidc.first_login_title'),
      breadcrumbs: [{ label: req.t('oidc.first_login_title') }],
      csrf: csrfToken(req),
      regions: REGIONS,
      organizations: await allOrganizations(deps),
      emailFixed: Boolean(identity.email && identity.emailVerified),
      values: err ? state.values : { name: identity.name ?? '', email: identity.email ?? '' },
      errors: state.errors,
      hasErrors: state.hasErrors,
      formError: err ? req.t(err.key) : undefined,
    });
  };

  router.get('/accedi/spid/completa', (req, res) => renderFirstLogin(req, res));

  router.post(
    '/accedi/spid/completa',
    formPost(
      async (req, res) => {
        const pending = pendingOf(req);
        if (!pending) return res.redirect(303, '/accedi');
        const user = await completeFirstLogin(deps, pending.identity, req.body);
        const returnTo = safeReturnPath(req.session.returnTo);
        await new Promise<void>((resolve, reject) =>
          req.logIn(toSessionUser(user), (err) => (err ? reject(err) : resolve())),
        );
        if (pending.idToken) req.session.oidc = { idToken: pending.idToken };
        flash(req, 'success', 'register.welcome', { name: user.name });
        res.redirect(303, returnTo === '/' ? `/membri/${user.id}` : returnTo);
      },
      renderFirstLogin,
      [400, 409],
    ),
  );

  // Before the accounts' sign-out: where to send the browser once the local session has ended.
  router.post('/esci', async (req, res, next) => {
    const idToken = req.session.oidc?.idToken;
    if (req.user && idToken) {
      const url = await oidc.endSessionUrl(idToken);
      if (url) res.locals.providerLogoutUrl = url.href;
    }
    next();
  });

  return router;
}
