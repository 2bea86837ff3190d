// Groups: directory (/gruppi), group pages, membership and roles, and /api/v1/groups.
import { Router, type Request, type Response } from 'express';
import { GROUP_ROLES, GROUP_VISIBILITIES } from '../../../models/schema.ts';
import { requireAuth, requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/errors.ts';
import { actorOf, flash, formState, routeId, slugOf } from '../../core/http.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import { listThreads } from '../discussions/discussions.service.ts';
import { canCreateGroup } from './groups.policy.ts';
import * as groups from './groups.service.ts';
import { groupJson } from './groups.view.ts';
import { groupMembers, pendingMembers } from '../../../models/queries/groups.ts';
import { countActiveThreads } from '../../../models/queries/threads.ts';
import { readFeed } from '../activity/activity.service.ts';
import { activityView } from '../activity/activity.view.ts';

/** After a form post, go back to a local page the form named, or to the group. */
const backTo = (req: Request, fallback: string) =>
  typeof req.body?.back === 'string' && /^\/(?![/\\])/.test(req.body.back) ? req.body.back : fallback;

export function groupRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/gruppi', async (req, res) => {
    const { order, groups: list } = await groups.listGroups(deps, actorOf(req), req.query);
    res.render('groups/index', {
      title: req.t('groups.title'),
      breadcrumbs: [{ label: req.t('groups.title') }],
      groups: list,
      order,
      canCreate: canCreateGroup(actorOf(req)),
    });
  });

  const renderGroupForm = (req: Request, res: Response, opts: { status?: number; err?: AppError; group?: { slug: string; name: string } }) => {
    const editing = opts.group;
    res.status(opts.status ?? 200).render('groups/form', {
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

  router.post('/gruppi', requireLogin, async (req, res, next) => {
    try {
      const group = await groups.createGroup(deps, actorOf(req), req.body);
      flash(req, 'success', 'groups.created', { name: group.name });
      res.redirect(303, `/gruppi/${group.slug}`);
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return renderGroupForm(req, res, { status: 400, err });
      next(err);
    }
  });

  router.get('/gruppi/:slug', async (req, res) => {
    const actor = actorOf(req);
    const access = await groups.accessBySlug(deps, actor, slugOf(req));
    const discussions = access.can.read ? await listThreads(deps, actor, access.group.slug, req.query) : null;
    const db = deps.database.db;
    const [members, pending, following, activeThreads, feed] = await Promise.all([
      access.can.read ? groupMembers(db, access.group.id) : Promise.resolve([]),
      access.can.moderate ? pendingMembers(db, access.group.id) : Promise.resolve([]),
      groups.isFollowingGroup(deps, actor, access.group.id),
      access.can.read ? countActiveThreads(db, access.group.id) : Promise.resolve(0),
      access.can.read ? readFeed(deps, actor, { kind: 'group', groupId: access.group.id }, { limit: 10 }) : Promise.resolve(null),
    ]);
    res.render('groups/show', {
      title: access.group.name,
      breadcrumbs: [{ label: req.t('groups.title'), url: '/gruppi' }, { label: access.group.name }],
      group: access.group,
      membership: access.membership,
      can: access.can,
      following,
      threads: discussions?.threads.map((t) => ({
        ...t,
        replies: Math.max(0, t.postCount - 1),
        unread: t.lastReadPosition === null ? (actor ? t.lastPosition : 0) : Math.max(0, t.lastPosition - t.lastReadPosition),
        isNew: actor !== null && t.lastReadPosition === null,
      })),
      threadTotal: discussions?.total ?? 0,
      activeThreads,
      feed: feed && { items: feed.items.map(activityView), room: actor ? `group:${access.group.slug}` : '', lastId: feed.items[0]?.id ?? 0 },
      pagination: discussions ? paginate(`/gruppi/${access.group.slug}`, {}, discussions.page, discussions.pages) : undefined,
      members: members.slice(0, 24),
      memberCount: members.length,
      pending,
      csrf: actor ? csrfToken(req) : undefined,
    });
  });

  router.get('/gruppi/:slug/membri', async (req, res) => {
    const actor = actorOf(req);
    const { group, can, members } = await groups.listGroupMembers(deps, actor, slugOf(req));
    res.render('groups/members', {
      title: req.t('groups.members_title', { name: group.name }),
      breadcrumbs: [{ label: req.t('groups.title'), url: '/gruppi' }, { label: group.name, url: `/gruppi/${group.slug}` }, { label: req.t('groups.members') }],
      group,
      can,
      members: members.map((m) => ({ ...m, self: m.id === actor?.id })),
      pending: can.moderate ? await pendingMembers(deps.database.db, group.id) : [],
      roles: GROUP_ROLES,
      csrf: actor ? csrfToken(req) : undefined,
    });
  });

  router.get('/gruppi/:slug/modifica', requireLogin, async (req, res) => {
    const { group, can } = await groups.accessBySlug(deps, actorOf(req), slugOf(req));
    if (!can.manage) throw new AppError(403, 'forbidden', 'errors.forbidden');
    req.body = { name: group.name, description: group.description, theme: group.theme, visibility: group.visibility };
    renderGroupForm(req, res, { group });
  });

  router.post('/gruppi/:slug/modifica', requireLogin, async (req, res, next) => {
    try {
      const group = await groups.updateGroup(deps, actorOf(req), slugOf(req), req.body);
      flash(req, 'success', 'groups.saved');
      res.redirect(303, `/gruppi/${group.slug}`);
    } catch (err) {
      if (err instanceof AppError && err.status === 400) {
        const { group } = await groups.accessBySlug(deps, actorOf(req), slugOf(req));
        return renderGroupForm(req, res, { status: 400, err, group });
      }
      next(err);
    }
  });

  router.post('/gruppi/:slug/iscrizione', requireLogin, async (req, res) => {
    const { status, group } = await groups.joinGroup(deps, actorOf(req), slugOf(req));
    flash(req, 'success', status === 'active' ? 'groups.joined' : 'groups.requested', { name: group.name });
    res.redirect(303, `/gruppi/${group.slug}`);
  });

  router.post('/gruppi/:slug/abbandona', requireLogin, async (req, res, next) => {
    try {
      await groups.leaveGroup(deps, actorOf(req), slugOf(req));
      flash(req, 'success', 'groups.left');
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) return next(err);
      flash(req, 'danger', err.key);
    }
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

  router.post('/gruppi/:slug/membri/:userId/rimuovi', requireLogin, async (req, res, next) => {
    try {
      await groups.removeMember(deps, actorOf(req), slugOf(req), routeId(String(req.params.userId)), req.body);
      flash(req, 'success', 'groups.removed');
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) return next(err);
      flash(req, 'danger', err.key);
    }
    res.redirect(303, backTo(req, `/gruppi/${slugOf(req)}/membri`));
  });

  router.post('/gruppi/:slug/membri/:userId/ruolo', requireLogin, async (req, res, next) => {
    try {
      await groups.setMemberRole(deps, actorOf(req), slugOf(req), routeId(String(req.params.userId)), req.body);
      flash(req, 'success', 'groups.role_saved');
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) return next(err);
      flash(req, 'danger', Object.values(err.fields ?? {})[0]?.key ?? err.key);
    }
    res.redirect(303, `/gruppi/${slugOf(req)}/membri`);
  });

  router.post('/gruppi/:slug/inviti', requireLogin, async (req, res, next) => {
    try {
      const { status } = await groups.inviteMember(deps, actorOf(req), slugOf(req), req.body);
      flash(req, 'success', status === 'active' ? 'groups.added' : 'groups.invited');
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 400 && err.status !== 409)) return next(err);
      flash(req, 'danger', Object.values(err.fields ?? {})[0]?.key ?? err.key);
    }
    res.redirect(303, `/gruppi/${slugOf(req)}/membri`);
  });

  // JSON API
  router.get('/api/v1/groups', async (req, res) => {
    const { groups: list } = await groups.listGroups(deps, actorOf(req), req.query);
    res.json({ groups: list.map(groupJson) });
  });

  router.post('/api/v1/groups', requireAuth, async (req, res) => {
    const group = await groups.createGroup(deps, actorOf(req), req.body);
    res.status(201).location(`/api/v1/groups/${group.slug}`).json({ group: groupJson(group) });
  });

  router.get('/api/v1/groups/:slug', async (req, res) => {
    const { group, membership, can } = await groups.accessBySlug(deps, actorOf(req), slugOf(req));
    res.json({ group: groupJson(group), membership: membership ? { role: membership.role, status: membership.status } : null, can });
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
    res.json({ members: members.map((m) => ({ id: m.id, name: m.name, jobTitle: m.jobTitle, organization: m.organizationName, role: m.groupRole })) });
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
    const role = await groups.setMemberRole(deps, actorOf(req), slugOf(req), routeId(String(req.params.userId)), req.body);
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
