// Groups: directory (/gruppi), group pages, membership and roles, and /api/v1/groups.
import { Router, type Request, type Response } from 'express';
import { requireAuth, requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/errors.ts';
import { actorOf, flash, flashRefusal, formPost, formState, routeId, slugOf } from '../../core/http.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import { activityView } from '../activity/activity.view.ts';
import { excerptOf } from '../notifications/notifications.view.ts';
import { groupFeed, groupMembersPage, groupPage } from './groups.pages.ts';
import { groupFeedPath, groupRss, RSS_CONTENT_TYPE } from './groups.rss.ts';
import { canCreateGroup } from './groups.policy.ts';
import { GROUP_ROLES, GROUP_VISIBILITIES } from './groups.schema.ts';
import * as groups from './groups.service.ts';
import { groupJson } from './groups.view.ts';

/** After a form post, go back to a local page the form named, or to the group. */
const backTo = (req: Request, fallback: string) =>
  typeof req.body?.back === 'string' && /^\/(?![/\\])/.test(req.body.back) ? req.body.back : fallback;

export function groupRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/gruppi', async (req, res) => {
    const { order, groups: list, page, pages, total } = await groups.listGroups(deps, actorOf(req), req.query, true);
    res.render('groups/index', {
      title: req.t('groups.title'),
      breadcrumbs: [{ label: req.t('groups.title') }],
      groups: list,
      total,
      order,
      pagination: paginate('/gruppi', { ordine: order === 'attivita' ? undefined : order }, page, pages),
      canCreate: canCreateGroup(actorOf(req)),
    });
  });

  const renderGroupForm = (
    req: Request,
    res: Response,
    opts: { err?: AppError; group?: { slug: string; name: string } },
  ) => {
    const editing = opts.group;
    res.status(opts.err?.status ?? 200).render('groups/form', {
      title: req.t(editing ? 'groups.edit_title' : 'groups.new_title'),
      breadcrumbs: [
        { label: req.t('groups.title'), url: '/gruppi' },
        ...(editing ? [{ label: editing.name, url: `/gruppi/${editing.slug}` }] : []),
        { label: req.t(editing ? 'groups.edit_title' : 'groups.new_title') },
      ],
      action: editing ? `/gruppi/${editing.slug}/modifica` : '/gruppi',
      visibilities: GROUP_VISIBILITIES,
      csrf: csrfToken(req),
      ...formState(req, opts.err?.fields),
    });
  };

  router.get('/gruppi/nuovo', requireLogin, (req, res) => {
    if (!canCreateGroup(actorOf(req))) throw new AppError(403, 'forbidden', 'groups.errors.cannot_create');
    req.body = { visibility: 'public' };
    renderGroupForm(req, res, {});
  });

  router.post(
    '/gruppi',
    requireLogin,
    formPost(
      async (req, res) => {
        const group = await groups.createGroup(deps, actorOf(req), req.body);
        flash(req, 'success', 'groups.created', { name: group.name });
        res.redirect(303, `/gruppi/${group.slug}`);
      },
      (req, res, err) => renderGroupForm(req, res, { err }),
    ),
  );

  router.get('/gruppi/:slug', async (req, res) => {
    const actor = actorOf(req);
    const { group, membership, can, following, discussions, activeThreads, feed, members, memberCount, pending } =
      await groupPage(deps, actor, slugOf(req), req.query);
    const feedTitle = req.t('groups.feed_title', { name: group.name });
    res.render('groups/show', {
      title: group.name,
      meta: { description: group.description ? excerptOf(group.description) : undefined },
      // Only a group whose discussions the visitor may read announces its feed.
      feeds: can.read ? [{ title: feedTitle, href: groupFeedPath(group.slug) }] : [],
      feedUrl: can.read ? groupFeedPath(group.slug) : undefined,
      breadcrumbs: [{ label: req.t('groups.title'), url: '/gruppi' }, { label: group.name }],
      group,
      membership,
      can,
      following,
      threads: discussions?.threads.map((t) => ({
        ...t,
        replies: Math.max(0, t.postCount - 1),
        unread:
          t.lastReadPosition === null ? (actor ? t.lastPosition : 0) : Math.max(0, t.lastPosition - t.lastReadPosition),
        isNew: actor !== null && t.lastReadPosition === null,
      })),
      threadTotal: discussions?.total ?? 0,
      activeThreads,
      feed: feed && {
        items: feed.items.map(activityView),
        room: actor ? `group:${group.slug}` : '',
        lastId: feed.items[0]?.id ?? 0,
      },
      pagination: discussions ? paginate(`/gruppi/${group.slug}`, {}, discussions.page, discussions.pages) : undefined,
      members,
      memberCount,
      pending,
      csrf: actor ? csrfToken(req) : undefined,
    });
  });

  router.get('/gruppi/:slug/feed.xml', async (req, res) => {
    const { group, threads } = await groupFeed(deps, actorOf(req), slugOf(req));
    const xml = groupRss(deps.config.publicUrl, group, threads, {
      title: req.t('groups.feed_title', { name: group.name }),
      description: group.description || req.t('groups.feed_description', { name: group.name }),
      lang: req.lang,
    });
    res.type(RSS_CONTENT_TYPE).send(xml);
  });

  router.get('/gruppi/:slug/membri', async (req, res) => {
    const actor = actorOf(req);
    const { group, can, members, pending } = await groupMembersPage(deps, actor, slugOf(req));
    res.render('groups/members', {
      title: req.t('groups.members_title', { name: group.name }),
      breadcrumbs: [
        { label: req.t('groups.title'), url: '/gruppi' },
        { label: group.name, url: `/gruppi/${group.slug}` },
        { label: req.t('groups.members') },
      ],
      group,
      can,
      members: members.map((m) => ({ ...m, self: m.id === actor?.id })),
      pending,
      roles: GROUP_ROLES,
      csrf: actor ? csrfToken(req) : undefined,
    });
  });

  router.get('/gruppi/:slug/modifica', requireLogin, async (req, res) => {
    const group = await groups.groupForEdit(deps, actorOf(req), slugOf(req));
    req.body = { name: group.name, description: group.description, theme: group.theme, visibility: group.visibility };
    renderGroupForm(req, res, { group });
  });

  router.post(
    '/gruppi/:slug/modifica',
    requireLogin,
    formPost(
      async (req, res) => {
        const group = await groups.updateGroup(deps, actorOf(req), slugOf(req), req.body);
        flash(req, 'success', 'groups.saved');
        res.redirect(303, `/gruppi/${group.slug}`);
      },
      async (req, res, err) =>
        renderGroupForm(req, res, { err, group: await groups.groupForEdit(deps, actorOf(req), slugOf(req)) }),
    ),
  );

  router.post('/gruppi/:slug/iscrizione', requireLogin, async (req, res) => {
    const { status, group } = await groups.joinGroup(deps, actorOf(req), slugOf(req));
    flash(req, 'success', status === 'active' ? 'groups.joined' : 'groups.requested', { name: group.name });
    res.redirect(303, `/gruppi/${group.slug}`);
  });

  router.post('/gruppi/:slug/abbandona', requireLogin, async (req, res) => {
    await flashRefusal(
      req,
      async () => {
        await groups.leaveGroup(deps, actorOf(req), slugOf(req));
        flash(req, 'success', 'groups.left');
      },
      { message: (err) => err.key },
    );
    res.redirect(303, `/gruppi/${slugOf(req)}`);
  });

  router.post('/gruppi/:slug/segui', requireLogin, async (req, res) => {
    const on = req.body?.on !== 'false';
    await groups.setGroupSubscription(deps, actorOf(req), slugOf(req), on);
    flash(req, 'success', on ? 'groups.following' : 'groups.unfollowed');
    res.redirect(303, `/gruppi/${slugOf(req)}`);
  });

  router.post('/gruppi/:slug/membri/:userId/approva', requireLogin, async (req, res) => {
    await groups.approveMember(deps, actorOf(req), slugOf(req), routeId(String(req.params.userId)));
    flash(req, 'success', 'groups.approved');
    res.redirect(303, backTo(req, `/gruppi/${slugOf(req)}/membri`));
  });

  router.post('/gruppi/:slug/membri/:userId/rimuovi', requireLogin, async (req, res) => {
    await flashRefusal(
      req,
      async () => {
        await groups.removeMember(deps, actorOf(req), slugOf(req), routeId(String(req.params.userId)), req.body);
        flash(req, 'success', 'groups.removed');
      },
      { message: (err) => err.key },
    );
    res.redirect(303, backTo(req, `/gruppi/${slugOf(req)}/membri`));
  });

  router.post('/gruppi/:slug/membri/:userId/ruolo', requireLogin, async (req, res) => {
    await flashRefusal(req, async () => {
      await groups.setMemberRole(deps, actorOf(req), slugOf(req), routeId(String(req.params.userId)), req.body);
      flash(req, 'success', 'groups.role_saved');
    });
    res.redirect(303, `/gruppi/${slugOf(req)}/membri`);
  });

  router.post('/gruppi/:slug/inviti', requireLogin, async (req, res) => {
    await flashRefusal(
      req,
      async () => {
        const { status } = await groups.inviteMember(deps, actorOf(req), slugOf(req), req.body);
        flash(req, 'success', status === 'active' ? 'groups.added' : 'groups.invited');
      },
      { statuses: [400, 409] },
    );
    res.redirect(303, `/gruppi/${slugOf(req)}/membri`);
  });

  // JSON API
  router.get('/api/v1/groups', async (req, res) => {
    const { groups: list } = await groups.listGroups(deps, actorOf(req), req.query);
    res.json({ groups: list.map(groupJson) });
  });

  router.post('/api/v1/groups', requireAuth, async (req, res) => {
    const group = await groups.createGroup(deps, actorOf(req), req.body);
    res
      .status(201)
      .location(`/api/v1/groups/${group.slug}`)
      .json({ group: groupJson(group) });
  });

  router.get('/api/v1/groups/:slug', async (req, res) => {
    const { group, membership, can } = await groups.accessBySlug(deps, actorOf(req), slugOf(req));
    res.json({
      group: groupJson(group),
      membership: membership ? { role: membership.role, status: membership.status } : null,
      can,
    });
  });

  router.patch('/api/v1/groups/:slug', requireAuth, async (req, res) => {
    const group = await groups.updateGroup(deps, actorOf(req), slugOf(req), req.body);
    res.json({ group: groupJson(group) });
  });

  router.post('/api/v1/groups/:slug/join', requireAuth, async (req, res) => {
    const { status } = await groups.joinGroup(deps, actorOf(req), slugOf(req));
    res.json({ membership: { status } });
  });

  router.post('/api/v1/groups/:slug/leave', requireAuth, async (req, res) => {
    await groups.leaveGroup(deps, actorOf(req), slugOf(req));
    res.status(204).end();
  });

  router.get('/api/v1/groups/:slug/members', async (req, res) => {
    const { members } = await groups.listGroupMembers(deps, actorOf(req), slugOf(req));
    res.json({
      members: members.map((m) => ({
        id: m.id,
        name: m.name,
        jobTitle: m.jobTitle,
        organization: m.organizationName,
        role: m.groupRole,
      })),
    });
  });

  router.get('/api/v1/groups/:slug/requests', requireAuth, async (req, res) => {
    const pending = await groups.listPending(deps, actorOf(req), slugOf(req));
    res.json({ requests: pending.map((p) => ({ userId: p.id, name: p.name, status: p.status, since: p.since })) });
  });

  router.post('/api/v1/groups/:slug/members/:userId/approve', requireAuth, async (req, res) => {
    await groups.approveMember(deps, actorOf(req), slugOf(req), routeId(String(req.params.userId)));
    res.json({ membership: { status: 'active' } });
  });

  router.delete('/api/v1/groups/:slug/members/:userId', requireAuth, async (req, res) => {
    await groups.removeMember(deps, actorOf(req), slugOf(req), routeId(String(req.params.userId)), req.body);
    res.status(204).end();
  });

  router.patch('/api/v1/groups/:slug/members/:userId', requireAuth, async (req, res) => {
    const role = await groups.setMemberRole(
      deps,
      actorOf(req),
      slugOf(req),
      routeId(String(req.params.userId)),
      req.body,
    );
    res.json({ membership: { role } });
  });

  router.post('/api/v1/groups/:slug/invitations', requireAuth, async (req, res) => {
    const { userId, status } = await groups.inviteMember(deps, actorOf(req), slugOf(req), req.body);
    res.status(201).json({ membership: { userId, status } });
  });

  router.put('/api/v1/groups/:slug/subscription', requireAuth, async (req, res) => {
    res.json({ following: await groups.setGroupSubscription(deps, actorOf(req), slugOf(req), true) });
  });

  router.delete('/api/v1/groups/:slug/subscription', requireAuth, async (req, res) => {
    res.json({ following: await groups.setGroupSubscription(deps, actorOf(req), slugOf(req), false) });
  });

  return router;
}
