// Socket.IO: authentication by the session cookie (from the site's own origin) or a personal token,
// a cap on live connections per person, `subscribe`/`unsubscribe` with room authorization, resume
// from the last activity seen, presence per group.
import type http from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { App } from '../app.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { authenticateToken, toSessionUser } from '../features/accounts/accounts.service.ts';
import { missedSince } from '../features/activity/activity.service.ts';
import { createBroadcaster, type Broadcaster } from './broadcaster.ts';
import { createReauthorizer } from './reauthorize.ts';
import { connectRedisAdapter, type RedisLink } from './redis.ts';
import {
  authorize,
  ROOM_PATTERN,
  rooms,
  subscriptionEntry,
  type Subscription,
  type SubscriptionEntry,
} from './rooms.ts';

export type SocketData = {
  user: Express.User;
  /** Public room name → what it joined, so unsubscribe and policy changes know what to leave. */
  subs: Record<string, SubscriptionEntry>;
  network: boolean;
  feed: boolean;
  /** Set when the socket authenticated with a personal token (revoking it disconnects the socket). */
  tokenId?: number;
  /** Set when the socket authenticated with a browser session (signing out disconnects it). */
  sessionId?: string;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Events = Record<string, (...args: any[]) => void>;
export type LiveSocket = Socket<Events, Events, Events, SocketData>;
type Ack = (reply: Record<string, unknown>) => void;

export const MAX_ROOMS_PER_SOCKET = 50;
const FLOOD_WINDOW_MS = 10_000;
const FLOOD_REFUSE = 30;
const FLOOD_DISCONNECT = 100;

const subscribeInput = z.union([
  z.string(),
  z.object({ room: z.string(), since: z.coerce.number().int().min(0).max(2_147_483_647).optional() }),
]);

export type Realtime = { io: Server; broadcaster: Broadcaster; redis: RedisLink | undefined; close(): Promise<void> };

/**
 * Whether a handshake's Origin is one of the site's own pages: PUBLIC_URL's origin, or the origin of
 * the host it was sent to (same origin; https only when the site is served over https). No Origin at
 * all: a non-browser client, or a browser's same-origin long-polling GET.
 */
export function isOwnOrigin(req: http.IncomingMessage, publicUrl: string, httpsOnly: boolean): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and anything malformed
  }
  if (url.origin === new URL(publicUrl).origin) return true;
  const host = req.headers.host?.toLowerCase();
  return Boolean(host) && url.host === host && (url.protocol === 'https:' || (!httpsOnly && url.protocol === 'http:'));
}

/** Session middleware runs for the handshake only, not for every long-polling request. */
const onlyForHandshake =
  (middleware: (req: Request, res: Response, next: NextFunction) => void) =>
  (req: Request & { _query?: { sid?: string } }, res: Response, next: NextFunction) =>
    req._query?.sid === undefined ? middleware(req, res, next) : next();

export function createRealtime(deps: Deps, server: http.Server, app: App): Realtime {
  const { log } = deps;
  const io = new Server(server, { serveClient: false, cors: { origin: false }, maxHttpBufferSize: 64_000 });
  const redis = deps.config.redisUrl
    ? connectRedisAdapter(io, deps.config.redisUrl, log, {
        key: deps.config.redisPrefix,
        // Re-authorization requests other processes sent while Redis was away are lost: redo ours.
        onReconnected: () =>
          void reauthorizer.reauthorizeAllLocal().catch((err) => log.error({ err }, 'live re-authorization failed')),
      })
    : undefined;
  const reauthorizer = createReauthorizer(deps, io, {
    clustered: () => redis?.connected() ?? false,
    presenceChanged: (groupId) => broadcaster.presenceChanged(groupId),
  });
  const broadcaster = createBroadcaster(deps, io, reauthorizer);
  const maxPerUser = deps.config.liveMaxSocketsPerUser;
  let lastOriginWarning = 0;

  io.engine.use(onlyForHandshake(app.sessionMiddleware as never));
  io.engine.use(onlyForHandshake(app.passport.session() as never));

  io.use(async (socket, next) => {
    try {
      const req = socket.request as Request;
      // A session cookie counts only from the site's own pages: a page on a sibling subdomain gets
      // the cookie too, and must not open a live connection in the person's name.
      const ownOrigin = isOwnOrigin(req, deps.config.publicUrl, deps.config.secureCookies);
      let user = ownOrigin ? req.user : undefined;
      let tokenId: number | undefined;
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (!user && typeof token === 'string') {
        const found = await authenticateToken(deps, token);
        if (found) {
          user = toSessionUser(found.user);
          tokenId = found.tokenId;
        }
      }
      if (!user && req.user && !ownOrigin) {
        if (Date.now() - lastOriginWarning > 60_000) {
          lastOriginWarning = Date.now();
          log.warn(
            { origin: req.headers.origin, publicUrl: deps.config.publicUrl },
            'live connection refused: session cookie from a foreign Origin (is PUBLIC_URL right?)',
          );
        }
        return next(new Error('forbidden_origin'));
      }
      if (!user) return next(new Error('unauthorized'));
      if (!(await admit(socket, user.id))) return next(new Error('too_many_connections'));
      const sessionId = !tokenId && req.user ? req.sessionID : undefined;
      (socket as LiveSocket).data = {
        user,
        subs: {},
        network: false,
        feed: false,
        ...(tokenId ? { tokenId } : {}),
        ...(sessionId ? { sessionId } : {}),
      };
      next();
    } catch (err) {
      log.error({ err }, 'socket authentication failed');
      next(new Error('unavailable'));
    }
  });

  /**
   * Admits one more connection for a person unless they hold the maximum already, counting their
   * sockets on every process. The count and the join into their room happen in one synchronous
   * step, so connections opened all at once on this process cannot all slip under the cap.
   */
  async function admit(socket: Socket, userId: number): Promise<boolean> {
    const room = rooms.user(userId);
    const nsp = io.of('/');
    let elsewhere = 0;
    try {
      elsewhere = (await io.in(room).fetchSockets()).filter((s) => !nsp.sockets.has(s.id)).length;
    } catch {
      // Other processes unreachable: the cap holds for this process at least.
    }
    const here = nsp.adapter.rooms.get(room)?.size ?? 0;
    if (elsewhere + here >= maxPerUser) return false;
    // Joined before `connection`: counted by the next handshake at once; left again if it fails.
    void socket.join(room);
    return true;
  }

  io.on('connection', (raw) => {
    const socket = raw as LiveSocket;
    const user = socket.data.user;
    void socket.join(rooms.user(user.id));
    const calls: number[] = [];

    const flooding = (): 'ok' | 'refuse' | 'disconnect' => {
      const now = Date.now();
      while (calls.length && now - calls[0]! > FLOOD_WINDOW_MS) calls.shift();
      calls.push(now);
      return calls.length > FLOOD_DISCONNECT ? 'disconnect' : calls.length > FLOOD_REFUSE ? 'refuse' : 'ok';
    };

    socket.on('subscribe', async (input: unknown, ack?: Ack) => {
      const reply: Ack = typeof ack === 'function' ? ack : () => {};
      // Socket.IO ignores the promise of an async handler: nothing may escape it.
      try {
        await handleSubscribe(input, reply);
      } catch (err) {
        log.error({ err }, 'subscribe failed');
        reply({ ok: false, error: 'unavailable' });
      }
    });

    async function handleSubscribe(input: unknown, reply: Ack): Promise<void> {
      const flood = flooding();
      if (flood === 'disconnect') {
        reply({ ok: false, error: 'rate_limited' });
        socket.disconnect(true);
        return;
      }
      if (flood === 'refuse') return reply({ ok: false, error: 'rate_limited' });
      const parsed = subscribeInput.safeParse(input);
      const room = parsed.success ? (typeof parsed.data === 'string' ? parsed.data : parsed.data.room) : '';
      const since = parsed.success && typeof parsed.data === 'object' ? parsed.data.since : undefined;
      if (!ROOM_PATTERN.test(room)) return reply({ ok: false, error: 'invalid_room' });
      if (!socket.data.subs[room] && Object.keys(socket.data.subs).length >= MAX_ROOMS_PER_SOCKET) {
        return reply({ ok: false, error: 'too_many_rooms' });
      }
      let sub: Subscription | undefined;
      // A policy change re-authorized this process's sockets while we decided: decide again, so
      // a room is never joined on an answer given before the change.
      for (let attempt = 0; !sub; attempt++) {
        const epoch = reauthorizer.epoch();
        try {
          sub = await authorize(deps, socket.data.user, room);
        } catch (err) {
          if (err instanceof AppError && err.status < 500) return reply({ ok: false, error: 'not_found' });
          log.error({ err, room }, 'subscribe failed');
          return reply({ ok: false, error: 'unavailable' });
        }
        if (reauthorizer.epoch() !== epoch && attempt < 3) sub = undefined;
      }
      if (!socket.connected) return;
      const previous = socket.data.subs[room];
      // Recorded before joining, in the same tick: a re-authorization sees both or neither.
      socket.data.subs[room] = subscriptionEntry(sub);
      if (room === 'feed') socket.data.feed = true;
      if (room === 'network') socket.data.network = true;
      await socket.join(sub.joins);
      // Subscribing again (a resync) decides afresh: rooms the earlier answer gave and nothing needs now are left.
      if (previous) {
        const stillNeeded = new Set(Object.values(socket.data.subs).flatMap((s) => s.joins));
        for (const r of previous.joins) if (!stillNeeded.has(r)) await socket.leave(r);
      }
      let missed = 0;
      if (since !== undefined) {
        const rows = await missedSince(deps, socket.data.user, sub.scope, since);
        missed = rows.length;
        for (const row of rows) socket.emit('activity', await broadcaster.payload(row, room));
      }
      if (sub.group) broadcaster.presenceChanged(sub.group.id, sub.group.slug);
      reply({ ok: true, room, missed });
    }

    socket.on('unsubscribe', async (room: unknown, ack?: Ack) => {
      const reply: Ack = typeof ack === 'function' ? ack : () => {};
      const sub = typeof room === 'string' ? socket.data.subs[room] : undefined;
      if (!sub) return reply({ ok: false, error: 'not_subscribed' });
      // Leave only internal rooms no other subscription of this socket still needs.
      delete socket.data.subs[room as string];
      const stillNeeded = new Set(Object.values(socket.data.subs).flatMap((s) => s.joins));
      for (const r of sub.joins) if (!stillNeeded.has(r)) await socket.leave(r);
      if (room === 'feed') socket.data.feed = false;
      if (room === 'network') socket.data.network = false;
      if (sub.groupId) broadcaster.presenceChanged(sub.groupId);
      reply({ ok: true });
    });

    socket.on('disconnect', () => {
      for (const sub of Object.values(socket.data.subs)) if (sub.groupId) broadcaster.presenceChanged(sub.groupId);
    });
  });

  return {
    io,
    broadcaster,
    redis,
    async close() {
      broadcaster.stop();
      // The HTTP server is closed by its owner (main.ts), which lets in-flight requests finish.
      io.local.disconnectSockets(true);
      await redis?.close();
    },
  };
}
