// Live subscriptions decided again after a change of policy (a group turned private or closed, a
// membership ended, a role changed, a thread moved): every public subscription a socket holds
// (feed, network, group:, thread:, course:) is authorized exactly as `subscribe` authorizes it, and
// the socket leaves every internal room no remaining subscription needs. feed and network are
// recomputed, so they also gain the rooms a change grants.
//
// The bus is per process: only the process that handled the request hears the event. A socket's
// subscriptions live with the socket, on its own process (a RemoteSocket's data is a copy that
// cannot be changed), so the process that heard the event re-authorizes its own sockets and asks
// the others, through the Socket.IO adapter (Redis), to do the same with theirs.
import type { Server } from 'socket.io';
import { z } from 'zod';
import { findUserById } from '../../models/queries/users.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { toSessionUser } from '../features/accounts/accounts.service.ts';
import type { LiveSocket } from './io.ts';
import { authorize, groupOfRoom, rooms, subscriptionEntry, type Subscription } from './rooms.ts';

/** Which sockets to re-authorize: those in any of these internal rooms, and every socket of these people. */
export type ReauthorizeTarget = { rooms: string[]; userIds: number[] };

export type Reauthorizer = {
  /** Re-authorizes the target's sockets on every process; resolves once this process's are done. */
  reauthorize(target: ReauthorizeTarget): Promise<void>;
  /** Re-authorizes every socket of this process (after messages from other processes may have been lost). */
  reauthorizeAllLocal(): Promise<void>;
  /**
   * Grows with every re-authorization on this process: a `subscribe` whose decision was taken
   * before a change takes it again, instead of joining a room on an outdated answer.
   */
  epoch(): number;
};

const SERVER_EVENT = 'live:reauthorize';
const targetSchema = z.object({
  rooms: z.array(z.string().max(100)).max(1_000_000),
  userIds: z.array(z.number().int().positive()).max(1_000_000),
});

export function createReauthorizer(
  deps: Deps,
  io: Server,
  opts: { clustered: () => boolean; presenceChanged: (groupId: number) => void },
): Reauthorizer {
  const { log } = deps;
  let epoch = 0;

  /** One socket: decide each subscription again, forget the refused ones, leave the rooms nothing needs. */
  async function reauthorizeSocket(socket: LiveSocket, user: Express.User): Promise<void> {
    socket.data.user = user;
    const held = Object.entries(socket.data.subs);
    const decided = await Promise.all(
      held.map(async ([room, entry]) => {
        let sub: Subscription | undefined;
        try {
          sub = await authorize(deps, user, room);
        } catch (err) {
          if (!(err instanceof AppError && err.status < 500)) throw err;
        }
        return { room, entry, sub };
      }),
    );
    if (!socket.connected) return;
    for (const { room, entry, sub } of decided) {
      // Unsubscribed, or subscribed afresh, while we were deciding: that newer state stands.
      if (socket.data.subs[room] !== entry) continue;
      if (sub) {
        socket.data.subs[room] = subscriptionEntry(sub);
        continue;
      }
      delete socket.data.subs[room];
      if (room === 'feed') socket.data.feed = false;
      if (room === 'network') socket.data.network = false;
    }
    const needed = new Set([
      socket.id,
      rooms.user(user.id),
      ...Object.values(socket.data.subs).flatMap((s) => s.joins),
    ]);
    for (const room of [...socket.rooms]) {
      if (needed.has(room)) continue;
      void socket.leave(room);
      const groupId = groupOfRoom(room);
      if (groupId) opts.presenceChanged(groupId);
    }
    await socket.join([...needed]);
  }

  async function run(sockets: LiveSocket[]): Promise<void> {
    const byUser = new Map<number, LiveSocket[]>();
    for (const s of sockets) byUser.set(s.data.user.id, [...(byUser.get(s.data.user.id) ?? []), s]);
    await Promise.all(
      [...byUser].map(async ([userId, own]) => {
        try {
          // The person as they are now (a changed role counts); gone → nothing to keep.
          const row = await findUserById(deps.database.db, userId);
          if (!row) {
            for (const s of own) s.disconnect(true);
            return;
          }
          const user = toSessionUser(row);
          await Promise.all(
            own.map((s) =>
              reauthorizeSocket(s, user).catch((err) => {
                // Unable to decide (the database is away): close rather than keep what may be no longer allowed.
                log.warn({ err, userId }, 'live re-authorization failed: socket closed');
                s.disconnect(true);
              }),
            ),
          );
        } catch (err) {
          log.warn({ err, userId }, 'live re-authorization failed: sockets closed');
          for (const s of own) s.disconnect(true);
        }
      }),
    );
  }

  async function local(target: ReauthorizeTarget): Promise<void> {
    epoch += 1;
    const targets = [...new Set([...target.rooms, ...target.userIds.map(rooms.user)])];
    if (!targets.length) return;
    // Local sockets come back as the Socket instances themselves, whose data can be changed.
    const sockets = (await io.local.in(targets).fetchSockets()) as unknown as LiveSocket[];
    await run(sockets);
  }

  io.on(SERVER_EVENT, (raw: unknown) => {
    const parsed = targetSchema.safeParse(raw);
    if (!parsed.success) return log.warn('malformed live re-authorization request ignored');
    void local(parsed.data).catch((err) => log.error({ err }, 'live re-authorization failed'));
  });

  return {
    async reauthorize(target) {
      if (opts.clustered()) {
        try {
          io.serverSideEmit(SERVER_EVENT, target);
        } catch (err) {
          log.warn({ err }, 'live re-authorization not sent to the other processes');
        }
      }
      await local(target);
    },
    async reauthorizeAllLocal() {
      epoch += 1;
      await run((await io.local.fetchSockets()) as unknown as LiveSocket[]);
    },
    epoch: () => epoch,
  };
}
