// The activity feeds: /attivita (global or "my network", filterable), /api/v1/feed.
import { Router, type Request } from 'express';
import type { Deps } from '../../core/deps.ts';
import { readableGroup } from '../groups/groups.service.ts';
import { routeId } from '../members/members.routes.ts';
import { FEED_KINDS } from './activity.schema.ts';
import { readFeed } from './activity.service.ts';
import { activityJson, activityView } from './activity.view.ts';
import type { FeedScope } from '../../../models/queries/activities.ts';

const actorOf = (req: Request) => req.user ?? null;

export function activityRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/attivita', async (req, res) => {
    const feed = await readFeed(deps, actorOf(req), { kind: 'global' }, req.query);
    const params = new URLSearchParams();
    if (feed.kind) params.set('tipo', feed.kind);
    if (feed.network) params.set('rete', '1');
    if (feed.next) params.set('prima', String(feed.next));
    res.render('activity/index', {
      title: req.t('activity.title'),
      breadcrumbs: [{ label: req.t('activity.title') }],
      items: feed.items.map(activityView),
      // Live updates only for the unfiltered first page; older pages and filtered lists stay still.
      room: !feed.kind && !req.query.prima ? (feed.network ? 'network' : 'feed') : '',
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
