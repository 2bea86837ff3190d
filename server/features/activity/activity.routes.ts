// The activity feeds: /attivita (global or "my network", filterable), /api/v1/feed.
import { Router } from 'express';
import type { Deps } from '../../core/deps.ts';
import { actorOf, routeId } from '../../core/http.ts';
import { FEED_KINDS } from './activity.schema.ts';
import { feedOf, type FeedPlace } from './activity.service.ts';
import { activityJson, activityView } from './activity.view.ts';

/** The page's place: one group's feed (?gruppo=slug), one person's (?membro=id) or everything. */
function placeOf(group: unknown, member: unknown): FeedPlace {
  if (typeof group === 'string' && group) return { group };
  if (typeof member === 'string' && member) return { member: routeId(member) };
  return {};
}

/** The API's place: ?group=slug or ?user=id (an empty value is a group or a person too). */
function apiPlaceOf(group: unknown, user: unknown): FeedPlace {
  if (typeof group === 'string') return { group };
  if (typeof user === 'string') return { member: routeId(user) };
  return {};
}

export function activityRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/attivita', async (req, res) => {
    const { feed, group, member } = await feedOf(
      deps,
      actorOf(req),
      placeOf(req.query.gruppo, req.query.membro),
      req.query,
      { named: true },
    );
    // The scope's own live room (a person's page has none), its title, and the links' parameters.
    const room = group ? `group:${group.slug}` : member ? '' : 'feed';
    const label = group?.name ?? member?.name;
    const scopeParams: Record<string, string> = group
      ? { gruppo: group.slug }
      : member
        ? { membro: String(member.id) }
        : {};
    const params = new URLSearchParams(scopeParams);
    if (feed.kind) params.set('tipo', feed.kind);
    if (feed.network) params.set('rete', '1');
    if (feed.next) params.set('prima', String(feed.next));
    res.render('activity/index', {
      title: label ? req.t('activity.title_of', { name: label }) : req.t('activity.title'),
      breadcrumbs: [
        { label: req.t('activity.title'), url: label ? '/attivita' : undefined },
        ...(label ? [{ label }] : []),
      ],
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
    const { feed } = await feedOf(deps, actorOf(req), apiPlaceOf(req.query.group, req.query.user), req.query);
    res.json({ activities: feed.items.map(activityJson), next: feed.next ?? null });
  });

  return router;
}
