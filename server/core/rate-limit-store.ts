// A rate-limit store that counts in Redis when it can, so every process of a deployment shares one
// count, and in this process's memory when it cannot (no REDIS_URL, or Redis away or slow): a limit
// then holds per process, as it did before Redis. Nothing a request does waits on Redis for longer
// than one command's timeout, and no Redis fault reaches the request as an error.
import type { Logger } from 'pino';
import { MemoryStore, type ClientRateLimitInfo, type Options, type Store } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { RedisCommands } from './redis.ts';

export class SharedLimitStore implements Store {
  /** Counts live outside this store instance (in Redis): the library checks double counting by prefix. */
  localKeys = false;
  readonly prefix: string;
  private readonly local = new MemoryStore();
  private readonly shared: RedisStore | undefined;
  private options: Options | undefined;
  /** Loading the store's scripts into Redis; undone by any failure, so it is done again on the next use. */
  private loaded: Promise<boolean> | undefined;
  private lastFault = 0;
  private readonly redis: RedisCommands | undefined;
  private readonly log: Logger | undefined;

  constructor(redis: RedisCommands | undefined, prefix: string, log?: Logger) {
    this.redis = redis;
    this.prefix = prefix;
    this.log = log;
    this.shared = redis
      ? new RedisStore({ prefix, sendCommand: (...args: string[]) => redis.send(args) as Promise<RedisReply> })
      : undefined;
  }

  init(options: Options): void {
    this.options = options;
    this.local.init(options);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    return (await this.inRedis((s) => s.increment(key))) ?? this.local.increment(key);
  }

  async decrement(key: string): Promise<void> {
    if ((await this.inRedis((s) => s.decrement(key).then(() => true))) === undefined) await this.local.decrement(key);
  }

  async resetKey(key: string): Promise<void> {
    await this.inRedis((s) => s.resetKey(key).then(() => true));
    await this.local.resetKey(key);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return (await this.inRedis((s) => s.get(key))) ?? this.local.get(key);
  }

  shutdown(): void {
    this.local.shutdown();
  }

  /** The answer of `op` on Redis, or undefined when Redis cannot give one now (the caller counts locally). */
  private async inRedis<T>(op: (store: RedisStore) => Promise<T>): Promise<T | undefined> {
    const { shared, redis, options } = this;
    if (!shared || !redis?.available() || !options) return undefined;
    try {
      // The library keeps a failed script load for good; loading again after any fault avoids that,
      // and a Redis restarted without its scripts answers NOSCRIPT, which the library handles.
      this.loaded ??= shared.init(options).then(() => true);
      await this.loaded;
      return await op(shared);
    } catch (err) {
      this.loaded = undefined;
      if (Date.now() - this.lastFault > 30_000) {
        this.lastFault = Date.now();
        this.log?.warn(
          { err: (err as Error).message, prefix: this.prefix },
          'rate limit counted in memory: Redis failed',
        );
      }
      return undefined;
    }
  }
}
