// The private conversations' JSON API (/api/v1/conversations): my conversations with their unread
// counts, starting one, reading one (a page of messages; reading marks them read) and replying.
// Someone not in a conversation gets 404 on every route, as if it did not exist.
import { Router } from 'express';
import { requireAuth } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf, idOf } from '../../core/http.ts';
import * as inbox from './conversations.inbox.service.ts';
import * as conversations from './conversations.service.ts';
import { conversationJson, conversationListJson, messageJson } from './conversations.view.ts';

export function conversationApiRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/api/v1/conversations', requireAuth, async (req, res) => {
    const list = await inbox.listConversations(deps, actorOf(req), req.query);
    res.json({
      conversations: list.rows.map(conversationListJson),
      unreadConversations: list.unreadConversations,
      page: list.page,
      pages: list.pages,
      total: list.total,
    });
  });

  router.post('/api/v1/conversations', requireAuth, async (req, res) => {
    // Only what a person may set; an origin only by reference (post, match, practice), looked up by the service.
    const { recipientIds, handles, subject, body, post, match, pratica } = req.body ?? {};
    const { conversation, message } = await conversations.startConversation(deps, actorOf(req), {
      recipientIds,
      handles,
      subject,
      body,
      post,
      match,
      pratica,
    });
    const summary = await inbox.conversationSummary(deps, actorOf(req), conversation.id);
    const first = await inbox.findMessage(deps, actorOf(req), conversation.id, message.id);
    res
      .status(201)
      .location(`/api/v1/conversations/${conversation.id}`)
      .json({
        conversation: conversationJson(summary.conversation, summary.people, summary.participant),
        message: messageJson(first),
      });
  });

  router.get('/api/v1/conversations/:id', requireAuth, async (req, res) => {
    const page = await inbox.conversationPage(deps, actorOf(req), idOf(req), req.query);
    res.json({
      conversation: conversationJson(page.conversation, page.people, page.participant),
      messages: page.messages.map(({ row }) => messageJson(row)),
      page: page.page,
      pages: page.pages,
      total: page.total,
    });
  });

  router.post('/api/v1/conversations/:id/messages', requireAuth, async (req, res) => {
    const message = await conversations.sendMessage(deps, actorOf(req), idOf(req), req.body);
    const row = await inbox.findMessage(deps, actorOf(req), idOf(req), message.id);
    res
      .status(201)
      .location(`/api/v1/conversations/${idOf(req)}`)
      .json({ message: messageJson(row) });
  });

  return router;
}
