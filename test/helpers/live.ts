// A real HTTP server with Socket.IO on the test app, and socket.io-client connections to it.
import http from 'node:http';
import { io as connect, type Socket } from 'socket.io-client';
import { createRealtime, type Realtime } from '../../server/realtime/io.ts';
import type { TestContext } from './context.ts';

export type Live = { url: string; realtime: Realtime; close(): Promise<void> };

export async function startLive(ctx: TestContext): Promise<Live> {
  const server = http.createServer(ctx.app);
  const realtime = createRealtime(ctx, server, ctx.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    realtime,
    async close() {
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Connects with a personal token (or a cookie header); resolves once connected or rejects with the reason. */
export function client(url: string, auth: { token?: string; cookie?: string } = {}): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(auth.token ? { auth: { token: auth.token } } : {}),
      ...(auth.cookie ? { extraHeaders: { cookie: auth.cookie } } : {}),
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export function subscribe(socket: Socket, room: unknown): Promise<{ ok: boolean; error?: string; missed?: number }> {
  return socket.timeout(3000).emitWithAck('subscribe', room);
}

/** The next `event` on the socket that passes `filter`, or a rejection after `ms`. */
export function next<T = Record<string, unknown>>(
  socket: Socket,
  event: string,
  filter: (payload: T) => boolean = () => true,
  ms = 3000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const handler = (payload: T) => {
      if (!filter(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}

export type Received = { event: string; payload: Record<string, unknown> };

/**
 * Everything the socket receives until a marker: an event it must receive, caused after the one it
 * must not (a test proving that something does not arrive). One connection delivers in order, so
 * whatever was sent before the marker has arrived when the marker does, and the test need not sleep
 * and hope. Start listening before causing anything; rejects when no marker arrives within `ms`.
 */
export function receivedUntil(
  socket: Socket,
  isMarker: (event: string, payload: Record<string, unknown>) => boolean,
  ms = 3000,
): Promise<Received[]> {
  return new Promise((resolve, reject) => {
    const got: Received[] = [];
    const timer = setTimeout(() => {
      socket.offAny(listener);
      reject(new Error(`no marker within ${ms} ms; received: ${JSON.stringify(got.map((r) => r.event))}`));
    }, ms);
    const listener = (event: string, payload: Record<string, unknown>) => {
      if (!isMarker(event, payload)) return void got.push({ event, payload });
      clearTimeout(timer);
      socket.offAny(listener);
      resolve(got);
    };
    socket.onAny(listener);
  });
}

/**
 * Resolves true if no matching `event` arrives within `ms`: a wait that proves an absence by time,
 * so it can only say "not yet". Prefer `receivedUntil` with a marker; keep `ms` short where used.
 */
export function silence<T = Record<string, unknown>>(
  socket: Socket,
  event: string,
  filter: (payload: T) => boolean = () => true,
  ms = 800,
): Promise<boolean> {
  return next(socket, event, filter, ms).then(
    () => false,
    () => true,
  );
}
