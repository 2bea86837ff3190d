// The only emitter of live events: bus events → the rooms whose members may read them.
// activity → feed rooms (public, or per restricted group), the group room and the thread room;
// post:new → the thread room; notification → the person's own room; presence → the group room.
// Policy changes (membership, roles, visibility, moves) re-authorize the live rooms they concern.
import type { Server } from 'socket.io';
import { findActivity, type ActivityRow } from '../../models/queries/activities.ts';
import { findGroupById } from '../../models/queries/groups.ts';
import { courseSlugOfGroup } from '../../models/queries/courses.ts';
import { findPost } from '../../models/queries/posts.ts';
import { findUserById } from '../../models/queries/users.ts';
import { readableByEveryone } from '../../models/queries/visibility.ts';
import type { Deps } from '../core/deps.ts';
import { LANGUAGES } from '../core/i18n.ts';
import { renderFragment } from '../core/views.ts';
import { activityJson, activityView } from '../features/activity/activity.view.ts';
import { unreadCount } from '../features/notifications/notifications.service.ts';
import { broadcastMessage } from './messages.ts';
import type { Reauthorizer } from './reauthorize.ts';
import { concernedByGroup, concernedByThread, rooms } from './rooms.ts';

export type Broadcaster = {
  /** The `activity` payload for one subscription room, with the item rendered in each language. */
  payload(row: ActivityRow, room: string): Promise<Record<string, unknown>>;
  presenceChanged(groupId: number, slug?: string): void;
  stop(): void;
};

const PRESENCE_DEBOUNCE_MS = 300;

export function createBroadcaster(deps: Deps, io: Server, reauthorizer: Reauthorizer): Broadcaster {
  const { bus, log, database } = deps;
  const slugs = new Map<number, string>();
  /** Group id → the slug of the course whose discussion space it is (null: not a course's). */
  const courseSlugs = new Map<number, string | null>();
  const presenceTimers = new Map<number, NodeJS.Timeout>();
  const unsubscribers: (() => void)[] = [];
  const on: typeof bus.subscribe = (type, handler) => {
    const off = bus.subscribe(type, handler);
    unsubscribers.push(off);
    return off;
  };

  const rendered = new Map<number, Record<string, string>>();
  async function html(row: ActivityRow): Promise<Record<string, string>> {
    const cached = rendered.get(row.id);
    if (cached) return cached;
    const view = activityView(row);
    const out: Record<string, string> = {};
    for (const lang of LANGUAGES) out[lang] = (await renderFragment('activity/item', view, lang)).trim();
    rendered.set(row.id, out);
    if (rendered.size > 500) rendered.delete(rendered.keys().next().value!);
    return out;
  }

  async function payload(row: ActivityRow, room: string) {
    return { ...activityJson(row), room, html: await html(row) };
  }

  /** Emits to internal rooms, tolerating an adapter whose Redis is away (local delivery still happens). */
  function emit(target: string | string[], event: string, data: unknown, except?: string) {
    try {
      const to = io.to(target);
      (except ? to.except(except) : to).emit(event, data);
    } catch (err) {
      log.warn({ err, event }, 'live emit failed');
    }
  }

  on('activity.recorded', async (e) => {
    const row = await findActivity(database.db, e.payload.activityId);
    if (!row || row.hidden) return;
    if (row.audience === 'actor') {
      if (row.actorId) emit(rooms.self(row.actorId), 'activity', await payload(row, 'feed'));
      return;
    }
    // A twinning's own activity (created, approved, status, milestones) goes to its room too.
    if (row.objectType === 'twinning' && row.objectId)
      emit(
        rooms.twinning(row.objectId),
        'activity',
        await payload(row, `twinning:${row.objectUrl?.split('/').pop() ?? ''}`),
      );
    if (row.groupId === null) {
      emit(rooms.feedPublic, 'activity', await payload(row, 'feed'));
      return;
    }
    const group = await findGroupById(database.db, row.groupId);
    if (!group) return;
    slugs.set(group.id, group.slug);
    emit(
      readableByEveryone(group.visibility) ? rooms.feedPublic : rooms.feedGroup(group.id),
      'activity',
      await payload(row, 'feed'),
    );
    emit(rooms.group(group.id), 'activity', await payload(row, `group:${group.slug}`));
    if (row.threadId) emit(rooms.thread(row.threadId), 'activity', await payload(row, `thread:${row.threadId}`));
    // A course's discussion space: its activity goes to the course room too. A group is a course's
    // space from its creation on (the same transaction), so the answer can be remembered.
    if (!readableByEveryone(group.visibility)) {
      if (!courseSlugs.has(group.id)) courseSlugs.set(group.id, await courseSlugOfGroup(database.db, group.id));
      const courseSlug = courseSlugs.get(group.id);
      if (courseSlug) emit(rooms.course(group.id), 'activity', await payload(row, `course:${courseSlug}`));
    }
  });

  on('post.created', async (e) => {
    const p = e.payload;
    const [post, author] = await Promise.all([findPost(database.db, p.postId), findUserById(database.db, p.authorId)]);
    if (!post) return;
    emit(
      rooms.thread(p.threadId),
      'post:new',
      {
        threadId: p.threadId,
        postId: p.postId,
        position: post.position,
        parentId: p.parentId,
        author: { id: p.authorId, name: author?.name ?? null },
        url: `/messaggi/${p.postId}`,
      },
      rooms.user(p.authorId),
    );
  });

  // Private messages: each participant's own room only (messages.ts).
  on('message.sent', (e) => broadcastMessage(deps, emit, e));

  // Each person's bell: the new notification and their unread count, read side by side.
  const ring = async (told: { notificationId: number; userId: number }[]) => {
    await Promise.all(
      told.map(async ({ notificationId, userId }) =>
        emit(rooms.user(userId), 'notification', { id: notificationId, unread: await unreadCount(deps, userId) }),
      ),
    );
  };
  on('notifications.created', (e) => ring(e.payload.notifications));
  on('notification.created', (e) => ring([e.payload]));

  // A change of who may read what: the sockets it concerns decide all their subscriptions again
  // (on every process), leaving the rooms they may no longer be in and joining those granted.
  const forPeople = (...userIds: number[]) => reauthorizer.reauthorize({ rooms: [], userIds });
  on('member.joined', (e) => forPeople(e.payload.userId));
  on('member.left', (e) => forPeople(e.payload.userId));
  on('member.removed', (e) => forPeople(e.payload.userId));
  on('member.role_changed', (e) => forPeople(e.payload.userId));
  // A changed platform role (e.g. an admin demoted): the sockets stay, with what the new role may read.
  on('user.role_changed', (e) => forPeople(e.payload.userId));
  // A group that becomes closed, private or public again.
  on('group.updated', async (e) => reauthorizer.reauthorize(await concernedByGroup(deps, e.payload.groupId)));
  on('thread.moved', async (e) => reauthorizer.reauthorize(await concernedByThread(deps, e.payload.threadId)));
  on('token.revoked', async (e) => {
    for (const s of await io
      .in(rooms.user(e.payload.userId))
      .fetchSockets()
      .catch(() => [])) {
      if ((s.data as { tokenId?: number }).tokenId === e.payload.tokenId) s.disconnect(true);
    }
  });
  on('session.ended', async (e) => {
    for (const s of await io
      .in(rooms.user(e.payload.userId))
      .fetchSockets()
      .catch(() => [])) {
      if ((s.data as { sessionId?: string }).sessionId === e.payload.sessionId) s.disconnect(true);
    }
  });

  /** "N persone online": distinct people with the group open, across processes, debounced. */
  function presenceChanged(groupId: number, slug?: string) {
    if (slug) slugs.set(groupId, slug);
    if (presenceTimers.has(groupId)) return;
    const timer = setTimeout(async () => {
      presenceTimers.delete(groupId);
      const room = rooms.group(groupId);
      const sockets = await io
        .in(room)
        .fetchSockets()
        .catch(() => io.local.in(room).fetchSockets());
      const people = new Set(sockets.map((s) => (s.data as { user: Express.User }).user.id)).size;
      const groupSlug = slugs.get(groupId) ?? (await findGroupById(database.db, groupId))?.slug;
      if (groupSlug) emit(room, 'presence', { room: `group:${groupSlug}`, count: people });
    }, PRESENCE_DEBOUNCE_MS);
    timer.unref();
    presenceTimers.set(groupId, timer);
  }

  return {
    payload,
    presenceChanged,
    stop() {
      for (const off of unsubscribers) off();
      for (const t of presenceTimers.values()) clearTimeout(t);
    },
  };
}
