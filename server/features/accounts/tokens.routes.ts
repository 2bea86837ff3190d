// API tokens: a person's own at /profilo/token and /api/v1/auth/token, /api/v1/me/tokens; systems'
// integration tokens at /admin/integrazioni. Scopes are enforced in core/auth.ts (bearerToken).
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { requireAuth, requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError, ForbiddenError, UnauthorizedError } from '../../core/errors.ts';
import { actorOf, flash, formPost, formState, routeId } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import { parseInput } from '../../core/validation.ts';
import { allOrganizations } from '../organizations/organizations.service.ts';
import { isAdmin } from './accounts.policy.ts';
import { tokenSchema } from './accounts.schema.ts';
import * as accounts from './accounts.service.ts';
import { DEFAULT_TOKEN_DAYS, TOKEN_DAY_CHOICES, TOKEN_SCOPES } from './tokens.schema.ts';
import * as tokens from './tokens.service.ts';
import { tokenRow, tokenView } from './tokens.view.ts';

export function tokenRoutes(deps: Deps, loginLimit: RequestHandler): Router {
  const router = Router();

  // Personal tokens, managed from the profile.
  const renderTokens = async (req: Request, res: Response, extra: { newToken?: unknown; err?: AppError } = {}) => {
    const list = await tokens.listTokens(deps, actorOf(req));
    // After a token is made the form starts afresh; after a refusal it keeps what was typed.
    const state = extra.err ? formState(req, extra.err.fields) : { values: {}, errors: {}, hasErrors: false };
    const chosen = extra.err ? [req.body?.scopes ?? []].flat() : ['read', 'write'];
    res.status(extra.err?.status ?? (extra.newToken ? 201 : 200)).render('accounts/tokens', {
      title: req.t('tokens.title'),
      breadcrumbs: [{ label: req.t('tokens.title') }],
      tokens: list.map((t) => tokenView(t)),
      newToken: extra.newToken,
      scopeChoices: TOKEN_SCOPES.filter((s) => s !== 'admin' || isAdmin(actorOf(req))).map((s) => ({
        value: s,
        checked: chosen.includes(s),
      })),
      dayChoices: TOKEN_DAY_CHOICES.map((d) => ({
        value: d,
        selected: Number(extra.err ? req.body?.expiresInDays : DEFAULT_TOKEN_DAYS) === d,
      })),
      ...state,
      formError: extra.err ? req.t(extra.err.key) : undefined,
      csrf: csrfToken(req),
    });
  };

  router.get('/profilo/token', requireLogin, (req, res) => renderTokens(req, res));

  router.post(
    '/profilo/token',
    requireLogin,
    formPost(
      async (req, res) => {
        const created = await tokens.createToken(deps, actorOf(req), req.body);
        await renderTokens(req, res, { newToken: created });
      },
      (req, res, err) => renderTokens(req, res, { err }),
    ),
  );

  router.post('/profilo/token/:id/revoca', requireLogin, async (req, res) => {
    await tokens.revokeToken(deps, actorOf(req), routeId(req.params.id));
    flash(req, 'success', 'tokens.revoked');
    res.redirect(303, '/profilo/token');
  });

  // JSON API. Exchanging a password for a token keeps working as before: read and write, a name
  // from the date, and now an expiry (90 days) unless the client asks for other scopes or days.
  router.post('/api/v1/auth/token', loginLimit, async (req, res) => {
    const { email, password, ...options } = parseInput(tokenSchema, req.body);
    const user = await accounts.verifyCredentials(deps, email, password);
    if (!user) throw accounts.invalidCredentials();
    const created = await tokens.createToken(deps, accounts.toSessionUser(user), options);
    res.status(201).json({ ...created, user: accounts.toPublicUser(user) });
  });

  router.delete('/api/v1/auth/token', requireAuth, async (req, res) => {
    if (!req.apiTokenId) throw new UnauthorizedError('errors.token_required');
    await tokens.revokeToken(deps, actorOf(req), req.apiTokenId);
    res.status(204).end();
  });

  router.get('/api/v1/me/tokens', requireAuth, async (req, res) => {
    const list = await tokens.listTokens(deps, actorOf(req));
    res.json({ tokens: list.map(tokenRow) });
  });

  router.delete('/api/v1/me/tokens/:id', requireAuth, async (req, res) => {
    await tokens.revokeToken(deps, actorOf(req), routeId(req.params.id));
    res.status(204).end();
  });

  // Integration tokens for systems, issued by admins.
  const adminOnly: RequestHandler = (req, _res, next) => next(isAdmin(actorOf(req)) ? undefined : new ForbiddenError());

  const renderIntegrations = async (
    req: Request,
    res: Response,
    extra: { newToken?: unknown; err?: AppError } = {},
  ) => {
    const [list, organizations] = await Promise.all([
      tokens.listIntegrationTokens(deps, actorOf(req)),
      allOrganizations(deps),
    ]);
    const chosen = extra.err ? [req.body?.scopes ?? []].flat() : ['read'];
    res.status(extra.err?.status ?? (extra.newToken ? 201 : 200)).render('admin/integrations', {
      title: req.t('integrations.title'),
      breadcrumbs: [{ label: req.t('admin.title'), url: '/admin' }, { label: req.t('integrations.title') }],
      tokens: list.map((t) => tokenView(t)),
      newToken: extra.newToken,
      organizations: organizations.map((o) => ({ ...o, selected: extra.err && req.body?.organization === o.slug })),
      scopeChoices: TOKEN_SCOPES.map((s) => ({ value: s, checked: chosen.includes(s) })),
      dayChoices: TOKEN_DAY_CHOICES.map((d) => ({
        value: d,
        selected: Number(extra.err ? req.body?.expiresInDays : 365) === d,
      })),
      ...(extra.err ? formState(req, extra.err.fields) : { values: {}, errors: {}, hasErrors: false }),
      formError: extra.err ? req.t(extra.err.key) : undefined,
      csrf: csrfToken(req),
    });
  };

  router.get('/admin/integrazioni', requireLogin, adminOnly, (req, res) => renderIntegrations(req, res));

  router.post(
    '/admin/integrazioni',
    requireLogin,
    adminOnly,
    formPost(
      async (req, res) => {
        const created = await tokens.issueIntegrationToken(deps, actorOf(req), req.body);
        await renderIntegrations(req, res, { newToken: created });
      },
      (req, res, err) => renderIntegrations(req, res, { err }),
    ),
  );

  router.post('/admin/integrazioni/:id/revoca', requireLogin, adminOnly, async (req, res) => {
    await tokens.revokeIntegrationToken(deps, actorOf(req), routeId(req.params.id));
    flash(req, 'success', 'tokens.revoked');
    res.redirect(303, '/admin/integrazioni');
  });

  return router;
}
