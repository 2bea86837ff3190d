// Sends webhook deliveries (models/queries/webhooks.ts), in every process that dispatches domain
// events (main.ts starts it next to the dispatcher). A delivery is claimed with FOR UPDATE SKIP
// LOCKED and a lease, so two processes never send one at the same time; pending rows left by a
// stopped process are found by the next poll of any process, after a restart too. Each attempt is a
// signed JSON POST with a 10-second timeout: a 2xx answer delivers it; anything else is tried again
// after an exponential backoff (WEBHOOK_RETRY_BASE_MS, doubled each time, at most an hour) for 24
// hours from the delivery's creation, then it is marked failed. Admins can replay it.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import * as q from '../../../models/queries/webhooks.ts';
import type { Deps } from '../../core/deps.ts';
import { decryptSecret, signatureHeader } from './webhooks.secret.ts';
import { onDeliveriesRecorded } from './webhooks.subscriber.ts';
import { guardedLookup, urlRefusal } from './webhooks.url.ts';

export const TIMEOUT_MS = 10_000;
/** Deliveries are retried for this long after they were written, then marked failed. */
export const RETRY_WINDOW_MS = 24 * 60 * 60_000;
const MAX_RETRY_MS = 60 * 60_000;
const LEASE_MS = 60_000;
const BATCH = 10;

/** Delay after the n-th failed attempt: base, 2·base, 4·base … at most an hour. */
export const webhookRetryDelay = (baseMs: number, attempts: number): number =>
  Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);

export type WebhookWorker = {
  start(): void;
  /** Stops polling and waits for the sends in progress. */
  stop(): Promise<void>;
  /** Sends what is due now, until nothing is (tests, commands). */
  settle(): Promise<void>;
};

/** One POST; resolves with the status code, rejects on network errors and after the timeout. */
function post(url: URL, body: string, headers: Record<string, string>, lookup?: LookupFunction): Promise<number> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        agent: false,
        ...(lookup ? { lookup } : {}),
      },
      (res) => {
        // The answer's body is not kept: only its status counts.
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    const timer = setTimeout(
      () => req.destroy(new Error(`timeout: no answer within ${TIMEOUT_MS / 1000} s`)),
      TIMEOUT_MS,
    );
    req.on('close', () => clearTimeout(timer));
    req.on('error', reject);
    req.end(body);
  });
}

/** One attempt of one claimed delivery, recorded whatever happens. */
export async function attempt(deps: Deps, row: q.ClaimedDelivery): Promise<void> {
  const db = deps.database.db;
  const production = deps.config.env === 'production';
  const started = performance.now();
  let responseStatus: number | null = null;
  let error: string | null = null;
  const secret = decryptSecret(deps.config.sessionSecret, row.secretEnc);
  if (!secret) {
    error = 'the signing secret cannot be read (SESSION_SECRET changed?): generate a new secret';
  } else {
    const refusal = production ? await urlRefusal(row.url, true) : null;
    if (refusal) {
      error = `address refused (${refusal})`;
    } else {
      const body = JSON.stringify(row.body);
      try {
        responseStatus = await post(
          new URL(row.url),
          body,
          {
            'Content-Type': 'application/json',
            'User-Agent': 'RetiSPI-Webhooks/1',
            'X-RetiSPI-Event': row.eventType,
            'X-RetiSPI-Delivery': String(row.id),
            'X-RetiSPI-Signature': signatureHeader(secret, body),
          },
          production ? guardedLookup : undefined,
        );
        if (responseStatus < 200 || responseStatus > 299) error = `HTTP ${responseStatus}`;
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
    }
  }
  const result = { responseStatus, responseMs: Math.round(performance.now() - started), error };
  if (!error) return q.markDelivered(db, row.id, result);
  const delay = webhookRetryDelay(deps.config.webhooks.retryBaseMs, row.attempts);
  const retry = Date.now() + delay <= row.createdAt.getTime() + RETRY_WINDOW_MS ? delay : null;
  deps.log.warn(
    { webhookId: row.webhookId, deliveryId: row.id, attempts: row.attempts, retryInMs: retry, error },
    retry === null ? 'webhook delivery failed for good' : 'webhook delivery failed; it will be retried',
  );
  await q.markAttemptFailed(db, row.id, result, retry);
}

export function createWebhookWorker(deps: Deps, opts: { pollMs?: number } = {}): WebhookWorker {
  let running: Promise<void> | undefined;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let unwake: (() => void) | undefined;

  async function drain(): Promise<void> {
    for (;;) {
      const rows = await q.claimDeliveries(deps.database.db, BATCH, LEASE_MS);
      if (!rows.length) return;
      await Promise.all(rows.map((row) => attempt(deps, row)));
    }
  }

  /** Runs a sending pass, or asks the one in progress to look once more. */
  let again = false;
  function kick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = drain()
      .then(async () => {
        while (again) {
          again = false;
          await drain();
        }
      })
      .catch((err) => deps.log.error({ err }, 'webhook delivery pass failed'))
      .finally(() => (running = undefined));
    return running;
  }

  return {
    start() {
      stopped = false;
      unwake = onDeliveriesRecorded(() => {
        if (!stopped) void kick();
      });
      const poll = () => {
        timer = setTimeout(() => {
          if (stopped) return;
          void kick().finally(poll);
        }, opts.pollMs ?? deps.config.webhooks.pollMs);
        timer.unref();
      };
      // What a previous run left pending is sent at once.
      void kick().finally(poll);
    },
    async stop() {
      stopped = true;
      unwake?.();
      clearTimeout(timer);
      await running;
    },
    async settle() {
      await running;
      await kick();
    },
  };
}
