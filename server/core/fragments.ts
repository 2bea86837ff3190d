// Cached page fragments (the home page's latest news, upcoming events…): each is computed once and
// shared by every request until an event that changes it arrives, or until its time to live runs
// out. The event clears it at once in the process that delivers the event (the writer's, as a rule);
// the time to live bounds how long another app process may show the previous version.
import type { EventBus, EventType } from './events.ts';

type Entry = { value: Promise<unknown>; expires: number };

export class FragmentCache {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(ttlMs: number, now: () => number = Date.now) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** The fragment under `key`, loading it when absent or stale (concurrent callers share one load). */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && hit.expires > this.#now()) return hit.value as Promise<T>;
    const value = load();
    const entry = { value, expires: this.#now() + this.#ttlMs };
    this.#entries.set(key, entry);
    // A failed load is not cached: the next request tries again.
    value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return value;
  }

  /** Forgets every fragment whose key starts with `prefix`. */
  invalidate(prefix: string): void {
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
  }

  /** Clears the fragments under `prefix` whenever one of these events is delivered. */
  invalidateOn(bus: EventBus, types: readonly EventType[], prefix: string): void {
    for (const type of types) bus.subscribe(type, () => this.invalidate(prefix));
  }
}
