// Two browser windows on two processes see each other's posts live: two real app processes
// (`node server/main.ts`) share one PostgreSQL database and Redis, one headless Chromium context
// signs in on each, and everything the other person does arrives without a reload: the "N nuove
// risposte" bar on a thread (the page does not jump), new activity at the top of /attivita, the
// notification bell, who is online in a group, and what was missed while offline.
// Fails without a PostgreSQL server (TEST_POSTGRES_URL or a postgres DATABASE_URL), Redis or
// Chromium. Every
// wait waits for something: a selector, a socket frame, a log line, a closed socket.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import type { Browser, BrowserContext, Page, WebSocket } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/demo/seed.ts';
import { CHROMIUM, expectNoSeriousAxeViolations, launchBrowser, watchPage } from '../helpers/browser.ts';
import { missingPrerequisite, ownDatabaseUrl, startServer } from '../helpers/process.ts';

const POSTGRES_URL = process.env.DATABASE_URL?.startsWith('postgres')
  ? process.env.DATABASE_URL
  : process.env.TEST_POSTGRES_URL;
const SHARED_REDIS_URL = 'redis://127.0.0.1:6379';
const GROUP = 'comunita-spi';

/** Two members of comunita-spi (server/demo/data.ts) with no notifications of their own yet. */
const PEOPLE = {
  one: { email: 'sara.innocenti@comune-firenze.example.org', name: 'Sara Innocenti' },
  two: { email: 'elisa.bortolin@cpi-pordenone.example.org', name: 'Elisa Bortolin' },
};

/** The same server as `url`, another database on it (e.g. the `postgres` maintenance database). */
function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function maintenance<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(POSTGRES_URL!, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function reachable(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(u.port || 6379), u.hostname);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A free TCP port on 127.0.0.1 (for a private redis-server). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The Redis both processes share. Socket.IO's Redis adapter uses the same channels on every Redis,
 * so other apps publishing on a shared server (a benchmark, another test run) would reach these
 * browsers too: without an explicit REDIS_URL, a private redis-server is started when there is one.
 */
async function redisForTest(): Promise<{ url: string; child?: ChildProcess }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL };
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const started = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(false)); // no redis-server installed
    child.once('spawn', () => resolve(true));
  });
  if (!started) return { url: SHARED_REDIS_URL };
  const url = `redis://127.0.0.1:${port}`;
  const end = Date.now() + 5_000;
  while (!(await reachable(url))) {
    if (Date.now() > end || child.exitCode !== null) {
      child.kill('SIGKILL');
      return { url: SHARED_REDIS_URL };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, child };
}

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

describe("live updates: two browser windows on two processes see each other's posts live", function () {
  this.timeout(90_000);

  const servers: { child: ChildProcess; port: number; output: () => string }[] = [];
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  let databaseCreated = false;
  const contexts: BrowserContext[] = [];
  /** Console errors, uncaught exceptions, CSP violations and failed requests seen on any page. */
  const problems: string[] = [];
  /** While a context is deliberately offline, its failed reconnection attempts are expected. */
  const offline = new Set<BrowserContext>();
  /** The WebSockets each page has open now. */
  const openSockets = new Map<Page, Set<WebSocket>>();
  let database = { url: '', name: '' };

  let redis: { url: string; child?: ChildProcess } | undefined;
  let baseA = '';
  let baseB = '';
  let thread: { id: number; title: string };
  let handleOne = '';

  // Person 1 on process A, person 2 on process B, each with a thread tab and an /attivita tab.
  let one: { context: BrowserContext; thread: Page; feed: Page };
  let two: { context: BrowserContext; thread: Page; feed: Page };

  before(async function () {
    let missing = !existsSync(CHROMIUM)
      ? `no Chromium at ${CHROMIUM}`
      : !POSTGRES_URL
        ? 'no PostgreSQL server: set TEST_POSTGRES_URL (or a postgres DATABASE_URL)'
        : undefined;
    if (!missing) {
      redis = await redisForTest();
      if (!(await reachable(redis.url))) missing = `no Redis at ${redis.url}`;
    }
    if (missing) missingPrerequisite(this, missing);

    database = ownDatabaseUrl(POSTGRES_URL!, 'live_e2e');
    await maintenance(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`);
      await c.query(`CREATE DATABASE "${database.name}"`);
    });
    databaseCreated = true;
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'retespi-live-e2e-'));
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis!.url,
      DATA_DIR: dataDir,
      SESSION_SECRET: 'live-e2e-session-secret-0123456789',
    };
    // A migrates and loads the demo content on its first start; B finds it there.
    servers.push(await startServer(env));
    servers.push(await startServer(env));
    const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
    baseA = `http://127.0.0.1:${a.port}`;
    baseB = `http://127.0.0.1:${b.port}`;
    // Sockets that connect before the Redis adapter is attached are dropped by it: wait for both.
    await until('the Redis adapter on both processes', () =>
      servers.every((s) => s.output().includes('Redis adapter attached')),
    );

    const db = new pg.Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    try {
      const threads = await db.query<{ id: number; title: string }>(
        `SELECT t.id, t.title FROM threads t JOIN groups g ON g.id = t.group_id
          WHERE g.slug = $1 AND NOT t.locked AND t.deleted_at IS NULL
            AND (SELECT count(*) FROM posts p WHERE p.thread_id = t.id) BETWEEN 4 AND 40
          ORDER BY t.id LIMIT 1`,
        [GROUP],
      );
      thread = threads.rows[0]!;
      const people = await db.query<{ handle: string }>(
        `SELECT u.handle FROM users u JOIN group_memberships m ON m.user_id = u.id JOIN groups g ON g.id = m.group_id
          WHERE u.email = $1 AND g.slug = $2 AND m.status = 'active'`,
        [PEOPLE.one.email, GROUP],
      );
      handleOne = people.rows[0]!.handle;
      const unread = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = $1`,
        [PEOPLE.one.email],
      );
      expect(unread.rows[0]!.n, 'person 1 starts without notifications').to.equal(0);
    } finally {
      await db.end();
    }

    browser = await launchBrowser();
    one = await person(baseA, PEOPLE.one.email);
    two = await person(baseB, PEOPLE.two.email);
  });

  after(async function () {
    this.timeout(30_000);
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await Promise.all(servers.map((s) => stop(s.child)));
    if (databaseCreated)
      await maintenance((c) => c.query(`DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`)).catch(() => {});
    await stop(redis?.child);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** A browser context (own cookies) signed in on one process, with a thread tab and an /attivita tab. */
  async function person(base: string, email: string) {
    const context = await browser!.newContext({ locale: 'it-IT', viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const signIn = await watched(context);
    await signIn.goto(`${base}/accedi`);
    await signIn.getByLabel('Indirizzo e-mail').fill(email);
    await signIn.getByLabel('Password').fill(DEMO_PASSWORD);
    await Promise.all([
      signIn.waitForURL(`${base}/`),
      signIn.getByRole('main').getByRole('button', { name: 'Accedi', exact: true }).click(),
    ]);
    await open(signIn, `${base}/discussioni/${thread.id}`);
    const feed = await watched(context);
    await open(feed, `${base}/attivita`);
    return { context, thread: signIn, feed };
  }

  /** A new page of `context`, watched for problems (see watchPage), its open WebSockets tracked. */
  async function watched(context: BrowserContext): Promise<Page> {
    const page = watchPage(await context.newPage(), problems, {
      error: (text) => offline.has(context) && /ERR_INTERNET_DISCONNECTED|WebSocket connection to .* failed/.test(text),
    });
    const open = new Set<WebSocket>();
    openSockets.set(page, open);
    page.on('websocket', (ws) => {
      open.add(ws);
      ws.on('close', () => open.delete(ws));
    });
    // The live script's work relies on its socket: a CSP that blocks it must not go unnoticed.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    return page;
  }

  /** Resolves once a live socket opened from now on in `page` has a subscription accepted (the server's ack frame). */
  const subscribed = (page: Page) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        page.off('websocket', onSocket);
        reject(new Error(`no live subscription on ${page.url()} within 15 s`));
      }, 15_000);
      const onSocket = (ws: WebSocket) =>
        ws.on('framereceived', (f) => {
          if (!/"ok":true/.test(String(f.payload))) return;
          clearTimeout(timer);
          page.off('websocket', onSocket);
          resolve();
        });
      page.on('websocket', onSocket);
    });

  /** Opens a page and waits until its live socket has subscribed. */
  async function open(page: Page, url: string): Promise<void> {
    const live = subscribed(page);
    const res = await page.goto(url);
    expect(res?.status(), `GET ${url}`).to.equal(200);
    await live;
  }

  /** Marks the page so that a reload (which would drop the mark) is noticed. */
  const mark = (page: Page) => page.evaluate(() => ((window as unknown as { liveMark: boolean }).liveMark = true));
  const stillMarked = (page: Page) =>
    page.evaluate(() => (window as unknown as { liveMark?: boolean }).liveMark === true);

  /** Replies through the thread page's form; resolves once the reloaded thread is live again. */
  async function reply(page: Page, body: string): Promise<void> {
    const before = page.url();
    const live = subscribed(page);
    await page.getByLabel('La tua risposta').fill(body);
    await Promise.all([
      page.waitForURL((u) => /#post-\d+$/.test(u.href) && u.href !== before),
      page.getByRole('button', { name: 'Invia la risposta' }).click(),
    ]);
    await live;
  }

  it('shows a reply made on A as "1 nuova risposta" on B without moving the page, and at the top of /attivita', async () => {
    const bar = two.thread.locator('[data-live-link]');
    expect(await bar.isVisible()).to.equal(false);
    // Scrolled into the posts, so the bar sticks to the top of the window.
    await two.thread.evaluate(() => window.scrollTo(0, 600));
    await two.thread.waitForFunction(() => window.scrollY === 600);
    const scrollBefore = await two.thread.evaluate(() => window.scrollY);
    await mark(two.thread);
    await mark(two.feed);
    const topBefore = await two.feed
      .locator('[data-feed-items] > [data-activity-id]')
      .first()
      .getAttribute('data-activity-id');

    await reply(one.thread, 'Da noi il primo colloquio dura 45 minuti: profilazione e patto nello stesso incontro.');

    await bar.waitFor({ state: 'visible', timeout: 10_000 });
    expect((await bar.innerText()).trim()).to.equal('1 nuova risposta: mostra');
    expect(await two.thread.evaluate(() => window.scrollY), 'the page does not jump').to.equal(scrollBefore);
    expect(await stillMarked(two.thread), 'no reload').to.equal(true);
    await two.thread.screenshot({ path: '/tmp/e2e-live-bar.png' });
    await expectNoSeriousAxeViolations(two.thread, 'thread with the new-replies bar');

    // The new activity sits at the top of person 2's /attivita, announced to screen readers.
    const top = two.feed.locator('[data-feed-items] > [data-activity-id]').first();
    await two.feed.waitForFunction(
      (before) =>
        document.querySelector('[data-feed-items] > [data-activity-id]')?.getAttribute('data-activity-id') !== before,
      topBefore,
      { timeout: 10_000 },
    );
    expect(Number(await top.getAttribute('data-activity-id'))).to.be.greaterThan(Number(topBefore));
    expect(await top.innerText())
      .to.contain(PEOPLE.one.name)
      .and.to.contain(thread.title);
    expect((await two.feed.locator('[data-feed-announcer]').textContent())?.trim()).to.equal('1 nuova attività');
    expect(await stillMarked(two.feed), 'no reload').to.equal(true);
    await expectNoSeriousAxeViolations(two.feed, '/attivita with a live item');

    // The bar leads to the new post.
    await bar.click();
    await two.thread.waitForURL(/\/discussioni\/\d+(\?page=\d+)?#post-\d+$/);
    const postId = new URL(two.thread.url()).hash.slice(1);
    const post = two.thread.locator(`article#${postId}`);
    expect(await post.innerText()).to.contain('Da noi il primo colloquio dura 45 minuti');
    await two.thread.waitForFunction((id) => {
      const r = document.getElementById(id)!.getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight;
    }, postId);
  });

  it('updates the bell on A when someone mentions the person on B', async () => {
    const badge = one.thread.locator('[data-unread-count]');
    expect(await badge.isVisible()).to.equal(false);
    expect((await one.thread.locator('[data-unread-label]').textContent())?.trim()).to.equal('Notifiche');
    await mark(one.thread);

    await reply(two.thread, `Grazie @${handleOne}, anche noi facciamo così.`);

    await badge.waitFor({ state: 'visible', timeout: 10_000 });
    expect((await badge.textContent())?.trim()).to.equal('1');
    expect((await one.thread.locator('[data-unread-label]').textContent())?.trim()).to.equal('Notifiche, 1 non letta');
    expect(await stillMarked(one.thread), 'no reload').to.equal(true);
  });

  it('shows "2 persone online" to both people on the group page', async () => {
    await open(one.thread, `${baseA}/gruppi/${GROUP}`);
    await open(two.thread, `${baseB}/gruppi/${GROUP}`);
    for (const page of [one.thread, two.thread]) {
      await page.waitForFunction(
        () => /\b2 persone online\b/.test(document.querySelector('[data-presence]')?.textContent ?? ''),
        undefined,
        { timeout: 10_000 },
      );
    }
  });

  it('delivers what was posted while the browser was offline once it reconnects, without a reload', async () => {
    await mark(two.feed);
    const title = `Rientro dopo la disconnessione ${Date.now()}`;
    const itemOf = (page: Page) => page.locator('[data-feed-items] > [data-activity-id]', { hasText: title });

    offline.add(two.context);
    await two.context.setOffline(true);
    // Chromium closes the page's live socket at once; until it is back online none can open.
    await until('the live socket of the offline page to close', () => openSockets.get(two.feed)!.size === 0);
    const start = await watched(one.context);
    await start.goto(`${baseA}/gruppi/${GROUP}/discussioni/nuova`);
    await start.getByLabel('Titolo').fill(title);
    await start.getByLabel('Testo').fill('Apro una discussione mentre una collega è offline: la vedrà al rientro.');
    await Promise.all([
      start.waitForURL(/\/discussioni\/\d+$/),
      start.getByRole('button', { name: 'Pubblica' }).click(),
    ]);
    await itemOf(one.feed).waitFor({ timeout: 10_000 }); // delivered live where the browser is online
    // Sent to both at once: the offline page, with no socket open all along, has nothing.
    expect(openSockets.get(two.feed)!.size, 'no live socket while offline').to.equal(0);
    expect(await itemOf(two.feed).count(), 'nothing arrives while offline').to.equal(0);

    // Back online, the browser reconnects and resubscribes from the last activity it saw: the
    // server's answer says how many it had missed, and sends them.
    const missed = new Promise<number>((resolve) =>
      two.feed.on('websocket', (ws) =>
        ws.on('framereceived', (f) => {
          const m = /"missed":(\d+)/.exec(String(f.payload));
          if (m) resolve(Number(m[1]));
        }),
      ),
    );
    await two.context.setOffline(false);
    await itemOf(two.feed).waitFor({ timeout: 15_000 });
    const noAnswer = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no resubscription answer after reconnecting')), 5_000).unref(),
    );
    expect(await Promise.race([missed, noAnswer])).to.be.at.least(1);
    offline.delete(two.context);
    const top = two.feed.locator('[data-feed-items] > [data-activity-id]').first();
    expect(await top.innerText())
      .to.contain(title)
      .and.to.contain(PEOPLE.one.name);
    expect(await stillMarked(two.feed), 'no reload').to.equal(true);
  });

  // Last: everything above has been watched.
  it('logged no console errors, CSP violations or failed requests on any page', () => {
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});
