// Blocking people (/messaggi-privati/bloccati), reporting a message, and the administrators' queue
// of reported messages (/admin/segnalazioni-messaggi-privati), which shows each reported message
// and nothing else of its conversation. Also the short addresses under /messaggi that lead here.
import { Router, type Request, type Response } from 'express';
import { requireLogin, safeReturnPath } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import type { AppError } from '../../core/errors.ts';
import { actorOf, flash, flashRefusal, formPost, formState, idOf, routeId } from '../../core/http.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import * as blocks from './conversations.blocks.service.ts';
import * as reports from './conversations.reports.service.ts';
import { conversationPath, messageAnchor, messageView } from './conversations.view.ts';

const LIST = '/messaggi-privati';
const BLOCKED = `${LIST}/bloccati`;
const QUEUE = '/admin/segnalazioni-messaggi-privati';

/** Query strings kept by a redirect (the recipients of /messaggi/nuova?a=…). */
const withQuery = (req: Request, path: string) => {
  const i = req.originalUrl.indexOf('?');
  return i >= 0 ? `${path}${req.originalUrl.slice(i)}` : path;
};

export function conversationModerationRoutes(deps: Deps): Router {
  const router = Router();

  // /messaggi/:id is a discussion post's permalink: only these fixed words lead to private messages.
  router.get('/messaggi', (req, res) => res.redirect(301, withQuery(req, LIST)));
  router.get('/messaggi/nuova', (req, res) => res.redirect(301, withQuery(req, `${LIST}/nuova`)));
  router.get('/messaggi/bloccati', (_req, res) => res.redirect(301, BLOCKED));

  // --- Blocks ----------------------------------------------------------------------------------
  router.get(BLOCKED, requireLogin, async (req, res) => {
    res.render('conversations/blocked', {
      title: req.t('conversations.blocked.title'),
      breadcrumbs: [
        { label: req.t('conversations.title'), url: LIST },
        { label: req.t('conversations.blocked.title') },
      ],
      meta: { robots: 'noindex' },
      people: await blocks.blockedMembers(deps, actorOf(req)),
      csrf: csrfToken(req),
    });
  });

  const back = (req: Request) => (req.body?.back ? safeReturnPath(req.body.back) : BLOCKED);

  router.post(`${BLOCKED}/:id`, requireLogin, async (req, res) => {
    await flashRefusal(req, async () => {
      const { name } = await blocks.blockMember(deps, actorOf(req), idOf(req));
      flash(req, 'success', 'conversations.flash.blocked', { name });
    });
    res.redirect(303, back(req));
  });

  router.post(`${BLOCKED}/:id/sblocca`, requireLogin, async (req, res) => {
    await flashRefusal(req, async () => {
      const { name } = await blocks.unblockMember(deps, actorOf(req), idOf(req));
      flash(req, 'success', 'conversations.flash.unblocked', { name });
    });
    res.redirect(303, back(req));
  });

  // --- Reporting a message ---------------------------------------------------------------------
  const reportPath = (req: Request) =>
    `${conversationPath(idOf(req))}/messaggi/${routeId(req.params.messageId)}/segnala`;

  const renderReport = async (req: Request, res: Response, err?: AppError) => {
    const { conversation, message, reporter } = await reports.messageToReport(
      deps,
      actorOf(req),
      idOf(req),
      routeId(req.params.messageId),
    );
    res.status(err?.status ?? 200).render('conversations/report', {
      title: req.t('conversations.report.title'),
      breadcrumbs: [
        { label: req.t('conversations.title'), url: LIST },
        { label: conversation.subject, url: conversationPath(conversation.id) },
        { label: req.t('conversations.report.title') },
      ],
      meta: { robots: 'noindex' },
      message: messageView(message, reporter.id),
      action: reportPath(req),
      backUrl: `${conversationPath(conversation.id)}#${messageAnchor(message.id)}`,
      csrf: csrfToken(req),
      ...(err ? formState(req, err.fields) : { values: {}, errors: {}, hasErrors: false }),
      formError: err && !err.fields ? req.t(err.key) : undefined,
    });
  };

  router.get(`${LIST}/:id/messaggi/:messageId/segnala`, requireLogin, (req, res) => renderReport(req, res));
  router.post(
    `${LIST}/:id/messaggi/:messageId/segnala`,
    requireLogin,
    formPost(
      async (req, res) => {
        await reports.reportMessage(deps, actorOf(req), idOf(req), routeId(req.params.messageId), req.body);
        flash(req, 'success', 'conversations.flash.reported');
        res.redirect(303, conversationPath(idOf(req)));
      },
      renderReport,
      [400, 409],
    ),
  );

  // --- The administrators' queue -----------------------------------------------------------------
  router.get(QUEUE, requireLogin, async (req, res) => {
    const queue = await reports.reportQueue(deps, actorOf(req), req.query);
    res.render('conversations/reports', {
      title: req.t('conversations.reports.title'),
      breadcrumbs: [{ label: req.t('admin.title'), url: '/admin' }, { label: req.t('conversations.reports.title') }],
      meta: { robots: 'noindex' },
      reports: queue.rows,
      total: queue.total,
      pagination: paginate(QUEUE, {}, queue.page, queue.pages),
      csrf: csrfToken(req),
    });
  });

  router.post(`${QUEUE}/:id`, requireLogin, async (req, res) => {
    const action = req.body?.action === 'remove' ? 'remove' : 'dismiss';
    await reports.resolveReport(deps, actorOf(req), idOf(req), action);
    flash(
      req,
      'success',
      action === 'remove' ? 'conversations.flash.report_removed' : 'conversations.flash.report_dismissed',
    );
    res.redirect(303, QUEUE);
  });

  return router;
}
