// Private conversations' pages (/messaggi-privati): my conversations, a new one, a conversation
// with its reply form, adding people, leaving, muting, read/unread; and the header's unread count on
// every page. (Not /messaggi: that is the permalink of discussion posts, /messaggi/:id.) Blocks,
// reports and the administrators' queue are in conversations.moderation.routes.ts (mounted here),
// the API in conversations.api.routes.ts.
import { Router, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { registerHeaderCount } from '../../core/header-counts.ts';
import type { AppError } from '../../core/errors.ts';
import { actorOf, flash, flashRefusal, formPost, formState, idOf } from '../../core/http.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import * as inbox from './conversations.inbox.service.ts';
import { conversationModerationRoutes } from './conversations.moderation.routes.ts';
import { MAX_RECIPIENTS } from './conversations.schema.ts';
import * as conversations from './conversations.service.ts';
import {
  conversationListItem,
  conversationPath,
  messageAnchor,
  messageView,
  originView,
  participantView,
} from './conversations.view.ts';

const LIST = '/messaggi-privati';

export function conversationRoutes(deps: Deps): Router {
  const router = Router();

  // The envelope in the header: conversations with unread messages, on every page a signed-in person loads.
  registerHeaderCount('unreadMessages', inbox.unreadConversationsHeaderCount);
  // Its fixed addresses (/messaggi-privati/bloccati) come before /messaggi-privati/:id.
  router.use(conversationModerationRoutes(deps));

  const crumbs = (req: Request, ...rest: { label: string; url?: string }[]) => [
    { label: req.t('conversations.title'), ...(rest.length ? { url: LIST } : {}) },
    ...rest,
  ];

  router.get(LIST, requireLogin, async (req, res) => {
    const list = await inbox.listConversations(deps, actorOf(req), req.query);
    res.render('conversations/index', {
      title: req.t('conversations.title'),
      breadcrumbs: crumbs(req),
      meta: { robots: 'noindex' },
      conversations: list.rows.map(conversationListItem),
      unreadConversations: list.unreadConversations,
      total: list.total,
      pagination: paginate(LIST, {}, list.page, list.pages),
      csrf: csrfToken(req),
    });
  });

  router.post(`${LIST}/segna-lette`, requireLogin, async (req, res) => {
    const changed = await inbox.markAllConversationsRead(deps, actorOf(req));
    flash(req, 'success', 'conversations.flash.all_read', { count: changed });
    res.redirect(303, LIST);
  });

  // --- A new conversation ----------------------------------------------------------------------
  const renderNew = async (req: Request, res: Response, err?: AppError) => {
    const given = err ? req.body?.recipientIds : req.query.a;
    const recipients = await conversations.recipientsForForm(deps, actorOf(req), given);
    const source = (err ? req.body : req.query) ?? {};
    const ref = { post: source.post, match: source.match, pratica: source.pratica };
    // Re-shown after an error, a reference that no longer resolves is simply left out.
    const origin = await conversations.originForForm(deps, actorOf(req), ref).catch((e: unknown) => {
      if (err) return undefined;
      throw e;
    });
    const state = err ? formState(req, err.fields) : { values: {}, errors: {}, hasErrors: false };
    res.status(err?.status ?? 200).render('conversations/new', {
      title: req.t('conversations.new_title'),
      breadcrumbs: crumbs(req, { label: req.t('conversations.new_title') }),
      meta: { robots: 'noindex' },
      recipients,
      origin: origin && { ...originView(origin), ref },
      maxRecipients: MAX_RECIPIENTS,
      csrf: csrfToken(req),
      ...state,
      formError: err && !err.fields ? req.t(err.key) : undefined,
    });
  };

  router.get(`${LIST}/nuova`, requireLogin, (req, res) => renderNew(req, res));
  router.post(
    LIST,
    requireLogin,
    formPost(
      async (req, res) => {
        // Only what a person may set: recipients, subject, text (an origin comes from other features).
        // The origin only by reference (post, match, practice): the service looks them up itself.
        const { recipientIds, handles, subject, body, post, match, pratica } = req.body ?? {};
        const { conversation } = await conversations.startConversation(deps, actorOf(req), {
          recipientIds,
          handles,
          subject,
          body,
          post,
          match,
          pratica,
        });
        flash(req, 'success', 'conversations.flash.started');
        res.redirect(303, conversationPath(conversation.id));
      },
      renderNew,
      [400, 403, 429],
    ),
  );

  // --- One conversation ------------------------------------------------------------------------
  const renderConversation = async (req: Request, res: Response, err?: AppError, form?: 'reply' | 'add') => {
    const viewer = actorOf(req)!;
    const page = await inbox.conversationPage(deps, viewer, idOf(req), req.query);
    const { conversation } = page;
    // The header's count was taken before this page marked its messages read.
    if (page.markedRead) res.locals.unreadMessages = await inbox.unreadConversations(deps, viewer.id);
    const failed = (which: 'reply' | 'add') => (err && form === which ? formState(req, err.fields) : undefined);
    res.status(err?.status ?? 200).render('conversations/show', {
      title: conversation.subject,
      breadcrumbs: crumbs(req, { label: conversation.subject }),
      meta: { robots: 'noindex' },
      conversation: { id: conversation.id, subject: conversation.subject, url: conversationPath(conversation.id) },
      origin: originView(conversation.origin),
      messages: page.messages.map(({ row, unread, can }) => messageView(row, viewer.id, { unread, can })),
      firstUnread: page.firstUnreadId ? messageAnchor(page.firstUnreadId) : null,
      people: page.people.map((p) => participantView(p, viewer.id, page.blockedWith)),
      muted: page.participant.muted,
      block: page.block,
      can: page.can,
      pagination: paginate(conversationPath(conversation.id), {}, page.page, page.pages),
      onLastPage: page.page === page.pages,
      maxRecipients: MAX_RECIPIENTS,
      reply: failed('reply') ?? { values: {}, errors: {} },
      add: failed('add') ?? { values: {}, errors: {} },
      replyError: err && form === 'reply' && !err.fields ? req.t(err.key) : undefined,
      addError: err && form === 'add' && !err.fields ? req.t(err.key) : undefined,
      csrf: csrfToken(req),
    });
  };

  router.get(`${LIST}/:id`, requireLogin, (req, res) => renderConversation(req, res));

  router.post(
    `${LIST}/:id/risposte`,
    requireLogin,
    formPost(
      async (req, res) => {
        const message = await conversations.sendMessage(deps, actorOf(req), idOf(req), req.body);
        res.redirect(303, `${conversationPath(idOf(req))}#${messageAnchor(message.id)}`);
      },
      (req, res, err) => renderConversation(req, res, err, 'reply'),
      [400, 403, 409],
    ),
  );

  router.post(
    `${LIST}/:id/partecipanti`,
    requireLogin,
    formPost(
      async (req, res) => {
        const { added } = await conversations.addParticipants(deps, actorOf(req), idOf(req), req.body);
        flash(req, 'success', 'conversations.flash.added', { count: added });
        res.redirect(303, conversationPath(idOf(req)));
      },
      (req, res, err) => renderConversation(req, res, err, 'add'),
      [400, 403],
    ),
  );

  router.post(`${LIST}/:id/lascia`, requireLogin, async (req, res) => {
    await conversations.leaveConversation(deps, actorOf(req), idOf(req));
    flash(req, 'info', 'conversations.flash.left');
    res.redirect(303, LIST);
  });

  router.post(`${LIST}/:id/silenzia`, requireLogin, async (req, res) => {
    await flashRefusal(req, async () => {
      const { muted } = await inbox.muteConversation(deps, actorOf(req), idOf(req), req.body);
      flash(req, 'success', muted ? 'conversations.flash.muted' : 'conversations.flash.unmuted');
    });
    res.redirect(303, conversationPath(idOf(req)));
  });

  // "Letto": the open page's script calls it when a message arrives live (JSON), or a plain form.
  router.post(`${LIST}/:id/letto`, requireLogin, async (req, res) => {
    const { unreadConversations } = await inbox.markConversationRead(deps, actorOf(req), idOf(req));
    if (req.accepts(['html', 'json']) === 'json') res.json({ unread: unreadConversations });
    else res.redirect(303, conversationPath(idOf(req)));
  });

  router.post(`${LIST}/:id/non-letto`, requireLogin, async (req, res) => {
    await inbox.markConversationUnread(deps, actorOf(req), idOf(req));
    flash(req, 'info', 'conversations.flash.marked_unread');
    res.redirect(303, LIST);
  });

  return router;
}
