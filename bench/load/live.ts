// Observers: Socket.IO clients on every process, subscribed to `feed` or to `thread:<id>` rooms,
// recording every live event (the first arrival of each activity and post:new, a count of all).
// They never post, so no event they should get is withheld as their own (post:new skips its
// author's sockets).
import { performance } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';

export type Observer = {
  /** `feed` or `thread:<id>`. */
  room: string;
  /** The process it is connected to. */
  app: number;
  socket: Socket;
  /** Events received, by name (payloads are not kept: each activity carries its rendered HTML). */
  counts: Map<string, number>;
  /** First arrival of each `activity`, by its type and object ("thread.created thread:12", "post.created post:345"). */
  activities: Map<string, number>;
  /** First arrival of each `post:new`, by post id. */
  postNews: Map<number, number>;
  /** Times it was disconnected during the run (it does not reconnect: what follows is missed). */
  disconnects: number;
};

/** Connects to `url` with a bearer token, subscribes to `room`, and records every event from then on. */
export function observe(url: string, app: number, token: string, room: string): Promise<Observer> {
  return new Promise((resolve, reject) => {
    const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
    const observer: Observer = {
      room,
      app,
      socket,
      counts: new Map(),
      activities: new Map(),
      postNews: new Map(),
      disconnects: 0,
    };
    socket.onAny((event: string, raw: unknown) => {
      const at = performance.now();
      const payload = (raw ?? {}) as Record<string, unknown>;
      observer.counts.set(event, (observer.counts.get(event) ?? 0) + 1);
      if (event === 'activity') {
        const object = payload.object as { type?: string; id?: number } | undefined;
        const key = `${String(payload.type)} ${object?.type}:${object?.id}`;
        if (!observer.activities.has(key)) observer.activities.set(key, at);
      } else if (event === 'post:new' && typeof payload.postId === 'number' && !observer.postNews.has(payload.postId))
        observer.postNews.set(payload.postId, at);
    });
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`socket on ${url} did not subscribe to ${room} in 30 s`));
    }, 30_000);
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(new Error(`socket on ${url}: ${err.message}`));
    });
    socket.once('connect', async () => {
      try {
        const ack = (await socket.timeout(20_000).emitWithAck('subscribe', room)) as { ok: boolean; error?: string };
        if (!ack.ok) throw new Error(`subscribe ${room}: ${ack.error}`);
        socket.on('disconnect', () => observer.disconnects++);
        clearTimeout(timer);
        resolve(observer);
      } catch (err) {
        clearTimeout(timer);
        socket.close();
        reject(err as Error);
      }
    });
  });
}
