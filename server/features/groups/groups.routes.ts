// Group directory and group pages (read side; discussions and membership management build on this).
import { Router } from 'express';
import { findGroupBySlug, findMembership, groupMembers, listVisibleGroups } from '../../../models/queries/groups.ts';
import type { Deps } from '../../core/deps.ts';
import { NotFoundError } from '../../core/errors.ts';

export function groupRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/gruppi', async (req, res) => {
    const list = await listVisibleGroups(deps.database.db, req.user?.id ?? null);
    res.render('groups/index', {
      title: req.t('groups.title'),
      breadcrumbs: [{ label: req.t('groups.title') }],
      groups: list,
    });
  });

  router.get('/gruppi/:slug', async (req, res) => {
    const db = deps.database.db;
    const group = await findGroupBySlug(db, req.params.slug);
    if (!group) throw new NotFoundError();
    const membership = req.user ? await findMembership(db, group.id, req.user.id) : undefined;
    const isMember = membership?.status === 'active';
    // A private group does not exist for those outside it.
    if (group.visibility === 'private' && !isMember) throw new NotFoundError();
    const canRead = group.visibility === 'public' || isMember;
    const members = canRead ? await groupMembers(db, group.id) : [];
    res.render('groups/show', {
      title: group.name,
      breadcrumbs: [{ label: req.t('groups.title'), url: '/gruppi' }, { label: group.name }],
      group,
      canRead,
      isMember,
      members,
    });
  });

  return router;
}
