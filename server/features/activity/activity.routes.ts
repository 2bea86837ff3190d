// The activity feeds: /attivita (global or "my network", filterable), /api/v1/feed.
import { Router, type Request } from 'express';
import type { Deps } from '../../core/deps.ts';
import { readableGroup } from '../groups/groups.service.ts';
import { actorOf, routeId } from '../../core/http.ts';
import { FEED_KINDS } from './activity.schema.ts';
import { readFeed } from './activity.service.ts';
import { activityJson, activityView } from './activity.view.ts';
import type { FeedScope } from '../../../models/queries/activities.ts';
import { findMember } from '../../../models/queries/users.ts';
import { NotFoundError } from '../../core/errors.ts';

export function activityRoutes(deps: Deps): Router {
  const router = Router();

  /** The page's scope: everything, one group's (?gruppo=slug) or one person's (?membro=id). */
  async function pageScope(req: Request): Promise<{ scope: FeedScope; room: string; label?: string; params: Record<string, string> }> {
    const actor = actorOf(req);
    if (typeof req.query.gruppo === 'string' && req.query.gruppo) {
      const { group } = await readableGroup(deps, actor, req.query.gruppo);
      return { scope: { kind: 'group', groupId: group.id }, room: `group:${group.slug}`, label: group.name, params: { gruppo: group.slug } };
    }
    if (typeof req.query.membro === 'string' && req.query.membro) {
      const id = routeId(req.query.membro);
      const member = await findMember(deps.database.db, id);
      if (!member) throw new NotFoundError();
      return { scope: { kind: 'user', userId: id }, room: '', label: member.name, params: { membro: String(id) } };
    }
    return { scope: { kind: 'global' }, room: 'feed', params: {} };
  }

  router.get('/attivita', async (req, res) => {
    const { scope, room, label, params: scopeParams } = await pageScope(req);
    const feed = await readFeed(deps, actorOf(req), scope, req.query);
    const params = new URLSearchParams(scopeParams);
    if (feed.kind) params.set('tipo', feed.kind);
    if (feed.network) params.set('rete', '1');
    if (feed.next) params.set('prima', String(feed.next));
    res.render('activity/index', {
      title: label ? req.t('activity.title_of', { name: label }) : req.t('activity.title'),
      breadcrumbs: [{ label: req.t('activity.title'), url: label ? '/attivita' : undefined }, ...(label ? [{ label }] : [])],
      scopeParams: Object.entries(scopeParams).map(([name, value]) => ({ name, value })),
      scoped: Boolean(label),
      items: feed.items.map(activityView),
      // Live updates only for the unfiltered first page; older pages and filtered lists stay still.
      room: !feed.kind && !req.query.prima ? (feed.network ? 'network' : room) : '',
      lastId: feed.items[0]?.id ?? 0,
      kinds: FEED_KINDS,
      kind: feed.kind,
      network: feed.network,
      nextUrl: feed.next ? `/attivita?${params}` : undefined,
    });
  });

  router.get('/api/v1/feed', async (req, res) => {
    const actor = actorOf(req);
    let scope: FeedScope = { kind: 'global' };
    if (typeof req.query.group === 'string') scope = { kind: 'group', groupId: (await readableGroup(deps, actor, req.query.group)).group.id };
    else if (typeof req.query.user === 'string') scope = { kind: 'user', userId: routeId(req.query.user) };
    const feed = await readFeed(deps, actor, scope, req.query);
    res.json({ activities: feed.items.map(activityJson), next: feed.next ?? null });
  });

  return router;
}
