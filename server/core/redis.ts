// One Redis connection per process for short commands (the rate-limit counters every process
// shares), opened on first use and kept apart from the Socket.IO adapter's publish/subscribe pair,
// which the live layer opens and closes on its own schedule. It never waits on Redis: while Redis is
// away a command fails at once (no offline queue), and one left unanswered is given up after
// COMMAND_TIMEOUT_MS, after which Redis rests for PAUSE_MS; callers then do what they can alone.
import type { Logger } from 'pino';
import { createClient, type RedisClientType } from 'redis';

const COMMAND_TIMEOUT_MS = 1_000;
const PAUSE_MS = 3_000;

export type RedisCommands = {
  /** Connected, and no command went unanswered in the last PAUSE_MS. */
  available(): boolean;
  /** Sends one command (`['INCR', 'k']`); rejects at once when unavailable, or after the timeout. */
  send(args: string[]): Promise<unknown>;
  close(): Promise<void>;
};

export class RedisUnavailable extends Error {}

const clients = new Map<string, RedisCommands>();

/** This process's command connection to `url` (the same one for every caller). */
export function sharedRedis(url: string, log: Logger): RedisCommands {
  let shared = clients.get(url);
  if (!shared) {
    shared = connect(url, log);
    clients.set(url, shared);
  }
  return shared;
}

/** Closes every shared connection (at shutdown). */
export async function closeSharedRedis(): Promise<void> {
  const open = [...clients.values()];
  clients.clear();
  await Promise.allSettled(open.map((c) => c.close()));
}

function connect(url: string, log: Logger): RedisCommands {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(200 + retries * 200, 5_000) },
  }) as RedisClientType;
  let lastError = 0;
  let pausedUntil = 0;
  let closed = false;
  client.on('error', (err: Error) => {
    // One line every 30 s at most while Redis is away.
    if (Date.now() - lastError > 30_000)
      log.warn({ err: err.message }, 'Redis unreachable: rate limits are counted by each process alone');
    lastError = Date.now();
  });
  client.on('ready', () => {
    pausedUntil = 0;
    log.info('Redis connected: rate limits are shared by every process');
  });
  const start = async () => {
    try {
      await client.connect();
    } catch {
      // node-redis reconnects by itself only after a first successful connect: retry by hand.
      await client.disconnect().catch(() => {});
      if (!closed) setTimeout(() => void start(), 2_000).unref();
    }
  };
  void start();

  const available = () => !closed && client.isReady && Date.now() >= pausedUntil;
  return {
    available,
    async send(args) {
      if (!available()) throw new RedisUnavailable('Redis unavailable');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          pausedUntil = Date.now() + PAUSE_MS;
          reject(new RedisUnavailable(`Redis did not answer in ${COMMAND_TIMEOUT_MS} ms`));
        }, COMMAND_TIMEOUT_MS);
      });
      try {
        return await Promise.race([client.sendCommand(args), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      closed = true;
      // QUIT waits for an answer that never comes from a Redis that hangs: a second at most.
      if (client.isReady) {
        const quit = client.quit().catch(() => {});
        await Promise.race([quit, new Promise((resolve) => setTimeout(resolve, COMMAND_TIMEOUT_MS).unref())]);
      }
      if (client.isOpen) await client.disconnect().catch(() => {});
    },
  };
}
