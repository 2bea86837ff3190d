// The page watcher of the browser tests (test/helpers/browser.ts): a request Chromium cancels
// because its page navigated away or closed is no failure of the app; an error status, a refused
// connection or an abort that no navigation explains is. First the decision itself, then the same
// in a real Chromium against a tiny local server.
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { expect } from 'chai';
import Mocha from 'mocha';
import type { Browser, Page } from 'playwright-core';
import {
  abortedByNavigation,
  failedRequestProblem,
  launchBrowser,
  needs,
  requireChromium,
  watchPage,
  type FailedRequest,
} from '../helpers/browser.ts';

const failure = (over: Partial<FailedRequest>): FailedRequest => ({
  url: 'http://127.0.0.1:3000/static/img/favicon.svg',
  resourceType: 'other',
  errorText: 'net::ERR_ABORTED',
  pageGone: false,
  navigatedAway: false,
  ...over,
});

describe('the page watcher of the browser tests', () => {
  describe('deciding whether a failed request is a failure of the app', () => {
    it('ignores a request the browser aborted because its frame navigated away or the page closed', () => {
      expect(abortedByNavigation(failure({ navigatedAway: true }))).to.equal(true);
      expect(abortedByNavigation(failure({ pageGone: true }))).to.equal(true);
      expect(failedRequestProblem(failure({ navigatedAway: true }), 'http://127.0.0.1:3000/')).to.equal(undefined);
    });

    it('reports an abort that no navigation explains (a script cancelling its request, a navigation answered with no content)', () => {
      expect(abortedByNavigation(failure({}))).to.equal(false);
      expect(
        failedRequestProblem(
          failure({ resourceType: 'fetch', url: 'http://127.0.0.1:3000/api/v1/feed' }),
          'http://127.0.0.1:3000/attivita',
        ),
      ).to.equal('http://127.0.0.1:3000/attivita: fetch http://127.0.0.1:3000/api/v1/feed failed: net::ERR_ABORTED');
    });

    it('reports a refused connection, an unknown host, a reset or a blocked request even when the page navigated away', () => {
      for (const errorText of [
        'net::ERR_CONNECTION_REFUSED',
        'net::ERR_NAME_NOT_RESOLVED',
        'net::ERR_CONNECTION_RESET',
        'net::ERR_BLOCKED_BY_CLIENT',
        'net::ERR_EMPTY_RESPONSE',
      ]) {
        for (const moved of [false, true]) {
          const f = failure({ errorText, navigatedAway: moved, pageGone: moved });
          expect(abortedByNavigation(f), errorText).to.equal(false);
          expect(failedRequestProblem(f, 'http://127.0.0.1:3000/'), errorText).to.equal(
            `http://127.0.0.1:3000/: other ${f.url} failed: ${errorText}`,
          );
        }
      }
    });

    it('lets a test allow a failure it provokes on purpose, by its text', () => {
      const offline = failure({ errorText: 'net::ERR_INTERNET_DISCONNECTED' });
      expect(
        failedRequestProblem(offline, 'http://127.0.0.1:3000/', (text) => text.includes('ERR_INTERNET_DISCONNECTED')),
      ).to.equal(undefined);
      expect(failedRequestProblem(offline, 'http://127.0.0.1:3000/', () => false)).to.be.a('string');
    });
  });

  describe('a step of a story that needs what an earlier step produced', () => {
    let produced = 0;

    it('(an earlier step that produced its value)', () => {
      produced = 42;
    });

    it('passes when every prerequisite is there', function () {
      expect(() => needs(this, { produced })).not.to.throw();
    });

    it('fails, naming the missing prerequisite, when one is not there', function () {
      expect(() => needs(this, { produced, threadId: 0, page: undefined })).to.throw(
        /^not run: this step needs threadId, page from an earlier step$/,
      );
    });

    it('names the earlier steps of the story that failed', () => {
      const story = new Mocha.Suite('a story');
      const registers = new Mocha.Test('registers the visitor', () => {});
      const enrols = new Mocha.Test('enrols on the course', () => {});
      const later = new Mocha.Test('takes the lessons', () => {});
      const nested = new Mocha.Suite('at the end');
      const last = new Mocha.Test('logged nothing', () => {});
      const grepped = new Mocha.Test('a step left out by --grep', () => {});
      story.addTest(registers).addTest(enrols).addTest(later).addTest(grepped).addSuite(nested);
      nested.addTest(last);
      registers.state = 'passed';
      enrols.state = 'failed';
      later.state = 'failed';
      expect(() => needs({ test: last } as unknown as Mocha.Context, { enrolled: false })).to.throw(
        'not run: this step needs enrolled from an earlier step; earlier steps that failed: "enrols on the course", "takes the lessons"; ' +
          'earlier steps that did not run (--grep, .only, skipped): "a step left out by --grep"',
      );
      // Only the steps before it count.
      expect(() => needs({ test: enrols } as unknown as Mocha.Context, { registered: '' })).to.throw(
        /^not run: this step needs registered from an earlier step$/,
      );
    });
  });

  describe('in Chromium, against a local server', function () {
    this.timeout(30_000);

    let browser: Browser | undefined;
    let server: http.Server | undefined;
    let base = '';
    let refusedPort = 0;
    /** A second server for the images /ticking never stops asking for: Chromium opens at most six connections to one server. */
    let elsewhere: http.Server | undefined;
    let elsewhereBase = '';
    /** Requests the servers hold without answering, by path: the browser is still loading them. */
    const held = new Map<string, http.ServerResponse[]>();
    const arrived = new EventTarget();
    /** Set while the navigation to /arrived-late waits for the next image /ticking asks for. */
    let leaving: ((tick: string) => void) | undefined;
    /** That image: the page asked for it after the navigation had started. */
    let lateTick = '';

    /** The pages; a page without an icon gets a data: one (else Chromium asks for /favicon.ico, a 404 here). */
    const handler: http.RequestListener = (req, res) => {
      const path = new URL(req.url!, 'http://x').pathname;
      if (path === '/slow/tick') {
        // Answered at once until a navigation to /arrived-late is asked for; from then on held.
        if (!leaving)
          return res
            .writeHead(200, { 'content-type': 'image/svg+xml' })
            .end('<svg xmlns="http://www.w3.org/2000/svg"/>');
        held.set(path, [...(held.get(path) ?? []), res]);
        const answer = leaving;
        leaving = () => {};
        answer(req.url!);
        return;
      }
      if (path.startsWith('/slow/')) {
        held.set(path, [...(held.get(path) ?? []), res]);
        arrived.dispatchEvent(new Event(path));
        return;
      }
      const html = (head: string, body: string) =>
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            `<!doctype html><html lang="it"><head><title>t</title>${head.includes('rel="icon"') ? head : `${head}<link rel="icon" href="data:,">`}</head><body>${body}`,
          );
      if (path === '/leaving')
        return html('<link rel="icon" href="/slow/favicon.svg">', '<a href="/arrived">avanti</a>');
      if (path === '/loading') return html('', '<img src="/slow/photo.png" alt=""><a href="/arrived">avanti</a>');
      if (path === '/arrived') return html('', '<h1>Arrivati</h1>');
      // A page that keeps asking for images, and a page that answers only once another image was
      // asked for: the first sends a request after a navigation to the second has started.
      if (path === '/ticking')
        return html(
          '',
          `<script>let n = 0; setInterval(() => { new Image().src = '${elsewhereBase}/slow/tick?' + n++; }, 20);</script>`,
        );
      if (path === '/arrived-late') {
        leaving = (tick) => {
          lateTick = tick;
          html('', '<h1>Arrivati</h1>');
        };
        return;
      }
      if (path === '/broken') {
        return html(
          '',
          `<img src="/missing.png" alt=""><img src="http://127.0.0.1:${refusedPort}/nobody.png" alt="">` +
            `<script>const c = new AbortController(); fetch('/slow/cancelled', { signal: c.signal }).catch(() => {}); setTimeout(() => c.abort(), 50);</script>`,
        );
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    };

    /** A server on a free port of 127.0.0.1, and its address. */
    async function listen(): Promise<[http.Server, string]> {
      const s = http.createServer(handler).listen(0, '127.0.0.1');
      await once(s, 'listening');
      return [s, `http://127.0.0.1:${(s.address() as net.AddressInfo).port}`];
    }

    before(async function () {
      requireChromium(this);
      [server, base] = await listen();
      [elsewhere, elsewhereBase] = await listen();
      // A port nothing listens on: taken from the OS, then released.
      const probe = net.createServer().listen(0, '127.0.0.1');
      await once(probe, 'listening');
      refusedPort = (probe.address() as net.AddressInfo).port;
      await new Promise((r) => probe.close(r));
      browser = await launchBrowser();
    });

    after(async () => {
      await browser?.close();
      for (const s of [server, elsewhere]) {
        s?.closeAllConnections();
        s?.close();
      }
    });

    /** Resolves once the server holds a request for `path` (the page has asked for it). */
    const requested = (path: string) =>
      held.get(path)?.length ? Promise.resolve() : once(arrived, path).then(() => undefined);

    async function watchedPage(problems: string[]): Promise<{ page: Page; failures: string[] }> {
      const page = await browser!.newPage();
      const failures: string[] = [];
      page.on('requestfailed', (r) =>
        failures.push(`${new URL(r.url()).pathname}${new URL(r.url()).search} ${r.failure()?.errorText}`),
      );
      return { page: watchPage(page, problems), failures };
    }

    /** Follows the page's link "avanti" to /arrived; resolves once there. */
    async function leave(page: Page): Promise<void> {
      await Promise.all([page.waitForURL(`${base}/arrived`), page.getByRole('link', { name: 'avanti' }).click()]);
      await page.getByRole('heading', { name: 'Arrivati' }).waitFor();
    }

    /** Resolves once Chromium has reported `path` (and query) as aborted (otherwise the test would prove nothing). */
    async function aborted(page: Page, failures: string[], path: string): Promise<void> {
      if (failures.includes(`${path} net::ERR_ABORTED`)) return;
      await page.waitForEvent('requestfailed', { predicate: (r) => r.url().endsWith(path), timeout: 10_000 });
      expect(failures).to.include(`${path} net::ERR_ABORTED`);
    }

    it('ignores the favicon a page was still loading when a link took it elsewhere', async () => {
      const problems: string[] = [];
      const { page, failures } = await watchedPage(problems);
      await page.goto(`${base}/leaving`);
      await requested('/slow/favicon.svg'); // Chromium asks for the icon once the page has loaded
      await leave(page);
      await aborted(page, failures, '/slow/favicon.svg');
      expect(problems).to.deep.equal([]);
      await page.close();
    });

    it('ignores an image a page was still loading when a link took it elsewhere', async () => {
      const problems: string[] = [];
      const { page, failures } = await watchedPage(problems);
      await page.goto(`${base}/loading`, { waitUntil: 'commit' });
      await requested('/slow/photo.png');
      await leave(page);
      await aborted(page, failures, '/slow/photo.png');
      expect(problems).to.deep.equal([]);
      await page.close();
    });

    it('ignores a request a page sent while the test was already taking it elsewhere (page.goto)', async () => {
      // Chromium does not always report that last request (the page is on its way out): the
      // scenario runs until it does, every page watched.
      const problems: string[] = [];
      let reported = false;
      for (let attempt = 1; attempt <= 10 && !reported; attempt++) {
        leaving = undefined;
        const { page, failures } = await watchedPage(problems);
        await page.goto(`${base}/ticking`);
        await page.goto(`${base}/arrived-late`);
        reported = failures.includes(`${lateTick} net::ERR_ABORTED`);
        await page.close();
      }
      expect(reported, 'Chromium reported the aborted request in one of 10 attempts').to.equal(true);
      expect(problems).to.deep.equal([]);
    });

    it('reports a 404, a refused connection and an abort that no navigation explains', async () => {
      const problems: string[] = [];
      const { page, failures } = await watchedPage(problems);
      const cancelled = page.waitForEvent('requestfailed', {
        predicate: (r) => r.url().endsWith('/slow/cancelled'),
        timeout: 10_000,
      });
      await page.goto(`${base}/broken`); // waits for the images to load or fail
      await cancelled;
      expect(failures).to.include('/slow/cancelled net::ERR_ABORTED');
      expect(problems).to.include(`${base}/broken: image ${base}/missing.png answered 404`);
      expect(problems).to.include(
        `${base}/broken: image http://127.0.0.1:${refusedPort}/nobody.png failed: net::ERR_CONNECTION_REFUSED`,
      );
      expect(problems).to.include(`${base}/broken: fetch ${base}/slow/cancelled failed: net::ERR_ABORTED`);
      await page.close();
    });
  });
});
