// Scale-out through Redis: the Socket.IO Redis adapter, attached once Redis answers. Until then,
// and whenever Redis is down, live events still reach the sockets of this process; the fault is
// logged, and the adapter comes back with Redis.
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient, type RedisClientType } from 'redis';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';

export type RedisLink = { connected: () => boolean; close: () => Promise<void> };

export function connectRedisAdapter(
  io: Server,
  url: string,
  log: Logger,
  opts: { key: string; onAttached?: () => void; onReconnected?: () => void },
): RedisLink {
  let lastError = 0;
  const client = (role: string) => {
    const c = createClient({
      url,
      // Fail commands at once while disconnected instead of queueing them without bound.
      disableOfflineQueue: true,
      socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(200 + retries * 200, 5_000) },
    }) as RedisClientType;
    c.on('error', (err: Error) => {
      // One line every 30 s at most while Redis is away.
      if (Date.now() - lastError > 30_000)
        log.warn({ err: err.message, role }, 'Redis unreachable: live events stay within this process');
      lastError = Date.now();
    });
    c.on('ready', () => {
      log.info({ role }, 'Redis connected');
      // Back after an outage: what other processes emitted meanwhile never reached our sockets.
      // Ask the browsers to resubscribe from the last activity they saw.
      if (role === 'sub' && attached && lastError > 0) {
        io.local.emit('resync');
        opts.onReconnected?.();
      }
    });
    return c;
  };
  const pub = client('pub');
  const sub = client('sub');
  let attached = false;
  let closed = false;

  // The adapter publishes without awaiting; a rejected publish must not become an unhandled rejection.
  const safePub = new Proxy(pub, {
    get(target, prop, receiver) {
      if (prop === 'publish') {
        return (channel: string, message: string | Buffer) => target.publish(channel, message).catch(() => 0);
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

  const attach = async () => {
    try {
      await Promise.all([pub.connect(), sub.connect()]);
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'Redis not available at start: retrying in the background');
      await Promise.allSettled([pub.disconnect(), sub.disconnect()]);
      // node-redis keeps reconnecting after a failed first connect only when connect() succeeded once;
      // retry by hand until it does.
      if (!closed) setTimeout(() => void attach(), 2_000).unref();
      return;
    }
    // connect() also returns when close() ends the connection attempts: attach nothing then.
    if (closed) return;
    // Sockets connected before the adapter would lose their rooms: close their connections first
    // (through the adapter that knows them) so browsers reconnect, resubscribe and resume from the
    // last activity they saw; nothing is missed.
    io.local.disconnectSockets(true);
    io.adapter(createAdapter(safePub, sub, { key: opts.key, requestsTimeout: 1_500 }));
    attached = true;
    log.info('Socket.IO Redis adapter attached: live events reach every process');
    opts.onAttached?.();
  };
  void attach();

  return {
    connected: () => attached && pub.isReady && sub.isReady,
    async close() {
      closed = true;
      // QUIT waits for Redis's reply, which never comes while Redis is away or hangs (a shutdown
      // would hang): quit when connected, for a second at most, then just drop the connection.
      const quitting = Promise.allSettled([pub, sub].map((c) => (c.isReady ? c.quit() : undefined)));
      await Promise.race([quitting, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      await Promise.allSettled([pub, sub].map((c) => (c.isOpen ? c.disconnect() : undefined)));
    },
  };
}
