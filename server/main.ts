// Boot only: config → db → app → http → listen, and a graceful shutdown on SIGTERM/SIGINT.
import http from 'node:http';
import net from 'node:net';
import { createApp } from './app.ts';
import { createRealtime } from './realtime/io.ts';
import { boot } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import { importCoursesOnFirstStart } from './features/courses/courses.import.ts';
import { seedCourseDemo } from './demo/seed-courses.ts';
import { seedQuestionnaireDemo } from './demo/seed-questionnaires.ts';
import { importQuestionnairesOnFirstStart } from './features/questionnaires/questionnaires.service.ts';
import { seedNewsletterDemo } from './demo/seed-newsletter.ts';
import { seedBookletDemo } from './demo/seed-booklet.ts';
import { startJobs } from './jobs.ts';
import { createDispatcher } from './core/outbox.ts';
import { registerSubscribers } from './subscribers.ts';
import { createWebhookWorker } from './features/webhooks/webhooks.worker.ts';
import { closeSharedRedis } from './core/redis.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const deps = await boot({ config }).catch((err: unknown) => {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
});
const { log } = deps;
const demoLoaded = config.demoContent ? await seedDemoIfEmpty(deps) : false;
// The feed and notifications listen from here on (the demo's history above is written directly),
// fed by the dispatcher with the events recorded in the outbox, including any that a previous run
// had committed and not delivered yet.
registerSubscribers(deps);
// Courses shipped in courses/ are content, not demo: imported on a first start in every environment
// (after the demo members, so the courses' animators are linked to their accounts).
await importCoursesOnFirstStart(deps);
// Questionnaires shipped in questionnaires/ likewise (the demo adds answers and a CPI's plan).
await importQuestionnairesOnFirstStart(deps);
if (demoLoaded) {
  await seedQuestionnaireDemo(deps);
  await seedCourseDemo(deps);
  // After the demo completions: the booklets of the demo learners, declared experiences, recognitions.
  await seedBookletDemo(deps);
  // Last: the archive's issues are assembled from the rest of the demo.
  await seedNewsletterDemo(deps);
}

const jobs = startJobs(deps);
const app = createApp(deps);
// Anonymous pages cached in memory are forgotten on every domain event of any process.
await app.pageCache.start(deps.database);
const server = http.createServer(app);
const realtime = createRealtime(deps, server, app);
// Delivery starts once every subscriber (the live broadcast too) listens.
const dispatcher = createDispatcher(deps, { pollMs: config.eventPollMs, leaseMs: config.eventLeaseMs });
if (config.eventDispatch) await dispatcher.start();
// Webhook deliveries are sent by the processes that dispatch events (pending ones from a previous run too).
const webhookWorker = createWebhookWorker(deps);
if (config.eventDispatch) webhookWorker.start();
server.keepAliveTimeout = 5_000;
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({ port, database: deps.database.kind }, `Rete SPI in ascolto su http://localhost:${port}`);
});

// Stopping: in-flight requests get STOP_GRACE_MS to finish, then their connections are closed; the
// process is gone within STOP_DEADLINE_MS whatever hangs (a database that does not answer, a
// reader of the log that went away). A second SIGTERM or SIGINT exits at once.
const STOP_GRACE_MS = 5_000;
const STOP_DEADLINE_MS = 9_000;
const STOP_IDLE_MS = 3_000;
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    log.warn({ signal }, 'second signal: exiting now');
    process.exit(1); // the log's exit handler writes out what is buffered
  }
  stopping = true;
  log.info({ signal }, 'shutting down: finishing in-flight requests');
  // Behind a proxy (nginx) with several processes, nothing may be lost: first no new connections (the
  // proxy's next one is refused and goes to another process), then each answer on a kept-alive
  // connection closes it, instead of the grace period cutting one mid-request. Idle connections are
  // left to their peer (http's close() would cut them): closing one while a proxy sends a request on
  // it fails that request, and a proxy never repeats a POST. The proxy closes them (nginx:
  // keepalive_timeout 2 s, below ours) or sends one more request; after STOP_IDLE_MS the rest go.
  const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
  server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.shouldKeepAlive = false;
  });
  // By then a proxy has closed its idle connections; what is still idle is a browser's, closed now.
  setTimeout(() => server.closeIdleConnections(), STOP_IDLE_MS).unref();
  setTimeout(() => {
    log.warn(`in-flight requests did not finish in ${STOP_GRACE_MS / 1000} s; closing them`);
    server.closeAllConnections();
  }, STOP_GRACE_MS).unref();
  setTimeout(() => {
    log.error(`not stopped after ${STOP_DEADLINE_MS / 1000} s; exiting`);
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  let code = 0;
  try {
    // Live sockets are long-lived connections: end them so the HTTP server can close.
    await realtime.close();
    await closed;
    app.sessionStore.stop();
    await jobs.stop();
    await dispatcher.stop();
    await webhookWorker.stop();
    await app.pageCache.stop();
    // The shared rate-limit counters' connection, once no request is left to count.
    await closeSharedRedis();
    await deps.database.close();
    log.info('stopped');
  } catch (err) {
    code = 1;
    log.error({ err }, 'stopping failed');
  }
  process.exit(code);
}
// A bug in one asynchronous path must not take every connected person down with it.
process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
