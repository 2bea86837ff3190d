// The Notiziario (/notiziario): the public archive, an issue's page, the editors' draft → preview → send,
// and the signed unsubscribe link of the e-mails (a page, and RFC 8058's one-click POST under /api).
import { Router, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import type { AppError } from '../../core/errors.ts';
import { actorOf, flash, flashRefusal, formPost, formState, pageParam, routeId } from '../../core/http.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import * as newsletter from './newsletter.service.ts';
import { issueJson, issuePage } from './newsletter.view.ts';

const numberOf = (req: Request): number => routeId(String(req.params.number));

export function newsletterRoutes(deps: Deps): Router {
  const router = Router();
  const crumbs = (req: Request, last?: string) => [
    { label: req.t('newsletter.title'), ...(last ? { url: '/notiziario' } : {}) },
    ...(last ? [{ label: last }] : []),
  ];

  router.get('/notiziario', async (req, res) => {
    const page = pageParam(req.query.page);
    const list = await newsletter.listIssues(deps, actorOf(req), page);
    res.render('newsletter/index', {
      title: req.t('newsletter.title'),
      breadcrumbs: crumbs(req),
      ...list,
      signedIn: Boolean(req.user),
      pagination: paginate('/notiziario', {}, page, list.pages),
    });
  });

  const renderForm = async (req: Request, res: Response, err?: AppError) => {
    const number = req.params.number ? numberOf(req) : undefined;
    let values: Record<string, unknown>;
    if (err) values = formState(req, err.fields).values;
    else if (number) values = await newsletter.draftForEditing(deps, actorOf(req), number);
    else values = await newsletter.draftDefaults(deps, actorOf(req));
    const title = req.t(number ? 'newsletter.edit_title' : 'newsletter.new_title');
    res.status(err?.status ?? 200).render('newsletter/form', {
      title,
      breadcrumbs: crumbs(req, title),
      action: number ? `/notiziario/${number}/modifica` : '/notiziario',
      csrf: csrfToken(req),
      ...(err ? formState(req, err.fields) : { errors: {}, hasErrors: false }),
      values,
    });
  };

  router.get('/notiziario/nuovo', requireLogin, (req, res) => renderForm(req, res));
  router.post(
    '/notiziario',
    requireLogin,
    formPost(async (req, res) => {
      const issue = await newsletter.createIssue(deps, actorOf(req), req.body);
      flash(req, 'success', 'newsletter.drafted');
      res.redirect(303, `/notiziario/${issue.number}`);
    }, renderForm),
  );

  // The e-mail footer's link asks to confirm: mail scanners and link previews follow links (GET)
  // and must not unsubscribe anybody. The confirmation, or the mail client's one-click POST
  // (RFC 8058, below), does.
  router.get('/notiziario/disiscrizione', async (req, res) => {
    const link = newsletter.checkUnsubscribeLink(deps, req.query);
    res.render('newsletter/unsubscribe', {
      title: req.t('newsletter.unsubscribe.title'),
      breadcrumbs: crumbs(req, req.t('newsletter.unsubscribe.title')),
      link,
      csrf: csrfToken(req),
    });
  });
  router.post('/notiziario/disiscrizione', async (req, res) => {
    await newsletter.unsubscribe(deps, req.body);
    res.render('newsletter/unsubscribed', {
      title: req.t('newsletter.unsubscribed.title'),
      breadcrumbs: crumbs(req, req.t('newsletter.unsubscribed.title')),
    });
  });
  router.post('/api/v1/newsletter/unsubscribe', async (req, res) => {
    await newsletter.unsubscribe(deps, req.query);
    res.json({ unsubscribed: true });
  });

  router.get('/notiziario/:number', async (req, res) => {
    const view = await newsletter.readIssue(deps, actorOf(req), numberOf(req));
    res.render('newsletter/show', {
      title: view.issue.title,
      breadcrumbs: crumbs(req, view.issue.title),
      ...view,
      issue: issuePage(view.issue),
      csrf: view.canEdit ? csrfToken(req) : undefined,
    });
  });

  router.get('/notiziario/:number/modifica', requireLogin, (req, res) => renderForm(req, res));
  router.post(
    '/notiziario/:number/modifica',
    requireLogin,
    formPost(async (req, res) => {
      const issue = await newsletter.editIssue(deps, actorOf(req), numberOf(req), req.body);
      flash(req, 'success', 'newsletter.saved');
      res.redirect(303, `/notiziario/${issue.number}`);
    }, renderForm),
  );

  router.post('/notiziario/:number/invia', requireLogin, async (req, res) => {
    const number = numberOf(req);
    await flashRefusal(
      req,
      async () => {
        const { issue, sent } = await newsletter.sendIssue(deps, actorOf(req), number);
        if (sent) flash(req, 'success', 'newsletter.sent', { count: issue.recipients });
        else flash(req, 'warning', 'newsletter.content_changed');
      },
      { statuses: [400, 409] },
    );
    res.redirect(303, `/notiziario/${number}`);
  });

  router.post('/notiziario/:number/elimina', requireLogin, async (req, res) => {
    await newsletter.deleteDraft(deps, actorOf(req), numberOf(req));
    flash(req, 'success', 'newsletter.deleted');
    res.redirect(303, '/notiziario');
  });

  router.get('/api/v1/newsletter', async (req, res) => {
    const page = pageParam(req.query.page);
    const list = await newsletter.listIssues(deps, actorOf(req), page);
    res.json({ issues: list.issues.map(issueJson), total: list.total, page, pages: list.pages });
  });

  return router;
}
