// Delivers the domain events services recorded in the outbox (models/queries/events.ts), after their
// commit, to the bus's subscribers: at least once, oldest first, one event at a time per process
// (the feed tells things in the order they happened). NOTIFY on commit wakes the process that wrote
// the events, which delivers them itself, so its own live clients get them even when Redis (which
// carries live events between processes) is away. The claim's SKIP LOCKED gives each event to
// exactly one process; a poll picks up retries, and, after a grace period, whatever a writer did not
// deliver (it stopped or died; its lease runs out). Events of web-only processes (EVENT_DISPATCH=off)
// are taken by the others at once.
import type { Logger } from 'pino';
import type { Database } from '../../models/db.ts';
import * as q from '../../models/queries/events.ts';
import type { DomainEventRow } from '../../models/schema.ts';
import { isConnectionLost } from './errors.ts';
import type { DomainEvent, EventBus, EventType } from './events.ts';

export type Dispatcher = {
  /** Listens for new events and delivers what is waiting. */
  start(): Promise<void>;
  /** Stops listening and polling, and waits for the delivery in progress. */
  stop(): Promise<void>;
  /** Delivers what is deliverable now, until nothing is (tests, commands). */
  settle(): Promise<void>;
};

export type DispatcherOptions = { pollMs?: number; batch?: number; leaseMs?: number; graceMs?: number };

export const EVENTS_CHANNEL = 'domain_events';
/** The database name (application_name) prefix of processes that do not deliver events. */
export const WEB_ONLY_PREFIX = 'retespi-web-';
/** A claimed event not delivered within this time is taken again (its process is presumed dead). */
const LEASE_MS = 60_000;
/** How long another process's events are left to it before the poll of this one takes them. */
const GRACE_MS = 2_000;
const MAX_RETRY_MS = 15 * 60_000;
/** Tries at writing a delivery's outcome over a lost connection: 200 ms, 400 ms … about 6 s in all. */
const SETTLE_ATTEMPTS = 6;

/** Retry delay after the n-th failed attempt: 1 s, 2 s, 4 s … up to 15 minutes. */
export const retryDelay = (attempts: number) => Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);

/** Delivers one claimed event to every subscriber, then marks it delivered, or failed with its error. */
async function deliverOne({ database, bus, log }: DispatcherDeps, row: DomainEventRow): Promise<void> {
  const event = {
    id: row.id,
    type: row.type as EventType,
    payload: row.payload,
    occurredAt: row.occurredAt,
  } as DomainEvent;
  try {
    await bus.deliver(event);
  } catch (err) {
    const delay = retryDelay(row.attempts);
    log.warn(
      { err, event: row.type, eventId: row.id, attempts: row.attempts, retryInMs: delay },
      'event delivery failed; it will be retried',
    );
    const message = err instanceof Error ? err.message : String(err);
    await settle(log, row, () => q.markFailed(database.db, row.id, message, delay));
    return;
  }
  // Delivered: if this cannot be written, the lease runs out and the event is delivered again.
  await settle(log, row, () => q.markDispatched(database.db, row.id));
}

/**
 * Writes how a claimed event's delivery ended. A lost connection (the failure that often caused the
 * delivery's own) is tried again on a fresh one, a few times within seconds: left unwritten, the
 * event would wait for its lease to run out (a minute) before anyone tries it again.
 */
async function settle(log: Logger, row: DomainEventRow, write: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= SETTLE_ATTEMPTS || !isConnectionLost(err)) {
        log.warn({ err, event: row.type, eventId: row.id }, 'event outcome not recorded; its lease will run out');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}

type DispatcherDeps = { database: Database; bus: EventBus; log: Logger };

export function createDispatcher(deps: DispatcherDeps, opts: DispatcherOptions = {}): Dispatcher {
  const { database, log } = deps;
  const batch = opts.batch ?? 50;
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const graceMs = opts.graceMs ?? GRACE_MS;
  let running: Promise<void> | undefined;
  /** The youngest age asked for by kicks that came while a pass was running. */
  let asked: number | undefined;
  let stopped = true;
  let unlisten: (() => Promise<void>) | undefined;
  let timer: NodeJS.Timeout | undefined;

  /** Claims and delivers batches of events at least `minAgeMs` old until none is left. */
  async function drain(minAgeMs: number): Promise<void> {
    let age = minAgeMs;
    for (;;) {
      asked = undefined;
      const rows = await q.claimEvents(database.db, batch, leaseMs, age);
      for (const row of rows) await deliverOne(deps, row);
      if (!rows.length && asked === undefined) return;
      age = Math.min(rows.length ? age : Infinity, asked ?? Infinity);
    }
  }

  /** Runs a delivery pass, or asks the one in progress to look once more. */
  function kick(minAgeMs = 0): Promise<void> {
    if (running) {
      asked = Math.min(asked ?? minAgeMs, minAgeMs);
      return running;
    }
    running = drain(minAgeMs)
      .catch((err) => log.error({ err }, 'event dispatch failed'))
      .finally(() => (running = undefined));
    return running;
  }

  return {
    async start() {
      stopped = false;
      unlisten = await database.listen(EVENTS_CHANNEL, (writer) => {
        if (!stopped && (writer === database.instance || writer.startsWith(WEB_ONLY_PREFIX))) void kick();
      });
      const poll = () => {
        timer = setTimeout(() => {
          if (stopped) return;
          void kick(graceMs).finally(poll);
        }, opts.pollMs ?? 1000);
        timer.unref();
      };
      poll();
      // What a previous run of this process (or a dead one) left behind.
      await kick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await unlisten?.();
      unlisten = undefined;
      await running;
    },
    async settle() {
      do await kick();
      while (running);
    },
  };
}
