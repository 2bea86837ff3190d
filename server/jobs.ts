// Scheduled jobs (e-mail digests, …), started by main.ts only. Each run is claimed in the database,
// so it happens once across several app processes and survives restarts.
import type { Deps } from './core/deps.ts';
import { publishDueArticles } from './features/articles/articles.service.ts';
import { deleteStaleUploads } from './features/attachments/attachments.service.ts';
import { runEventReminders } from './features/events/events.reminders.ts';
import { runDailyDigest } from './features/notifications/notifications.digest.ts';
import { pruneDispatched } from '../models/queries/events.ts';
import { pruneDeliveries } from '../models/queries/webhooks.ts';

export { publishDueArticles, runDailyDigest, runEventReminders };

export type Jobs = { stop(): Promise<void> };

const DAY = 86_400_000;

/**
 * Checks every DIGEST_CHECK_MINUTES (and shortly after start) whether yesterday's digest is still
 * to send, publishes the scheduled articles that are due (also every minute), records the reminders
 * of tomorrow's events not yet reminded, removes uploads never attached to a post within a day
 * (abandoned forms), and forgets domain events delivered more than a week ago (the outbox is a
 * queue, not an archive).
 */
export function startJobs(deps: Deps): Jobs {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = runDailyDigest(deps)
      .then(() => publishDueArticles(deps))
      .then(() => runEventReminders(deps))
      .then(() => deleteStaleUploads(deps, new Date(Date.now() - DAY)))
      .then(() => pruneDispatched(deps.database.db, new Date(Date.now() - 7 * DAY)))
      // Webhook deliveries concluded more than 30 days ago leave the log.
      .then(() => pruneDeliveries(deps.database.db, new Date(Date.now() - 30 * DAY)))
      .then(() => undefined)
      .catch((err) => deps.log.error({ err }, 'scheduled job failed; the next check retries'))
      .finally(() => {
        running = undefined;
      });
  };
  // Scheduled articles go live within a minute of their time, whatever the digest's interval.
  let publishing: Promise<void> | undefined;
  const publish = () => {
    if (publishing || stopped) return;
    publishing = publishDueArticles(deps)
      .then(() => undefined)
      .catch((err) => deps.log.error({ err }, 'publishing scheduled articles failed; the next minute retries'))
      .finally(() => {
        publishing = undefined;
      });
  };
  // Timers never keep a process alive on their own: the HTTP server does that for main.ts.
  const first = setTimeout(tick, 2_000);
  const every = setInterval(tick, deps.config.digestCheckMinutes * 60_000);
  const minutely = setInterval(publish, 60_000);
  first.unref();
  every.unref();
  minutely.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      clearInterval(minutely);
      await Promise.all([running, publishing]);
    },
  };
}
