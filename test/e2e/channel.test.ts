// Browser tests of the information channel in headless Debian Chromium: a visitor reads the news, a
// law page and the press review, finds the RSS and iCal feeds the pages announce; a member joins the
// waiting list of a full event; axe on every page of the channel. Every page is watched for console
// errors, CSP violations and failed requests.
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, seedDemo } from '../../server/demo/seed.ts';
import { seedNewsletterDemo } from '../../server/demo/seed-newsletter.ts';
import { expectNoSeriousAxeViolations, launchBrowser, needs, requireChromium, watchPage } from '../helpers/browser.ts';
import { testContext, type TestContext } from '../helpers/context.ts';
import { startLive, type Live } from '../helpers/live.ts';

const LAW = 'dlgs-150-2015-riordino-servizi-per-il-lavoro';
const FULL_EVENT = 'Il sistema qualità nei Centri per l’Impiego pugliesi';

describe('browser: the information channel (headless Chromium)', function () {
  this.timeout(30_000);

  let ctx: TestContext;
  let live: Live | undefined;
  let browser: Browser | undefined;
  let base = '';
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let fullEventId = 0;

  before(async function () {
    requireChromium(this);
    this.timeout(90_000);
    ctx = await testContext();
    await seedDemo(ctx);
    await seedNewsletterDemo(ctx);
    const [row] = await ctx.database.query<{ id: number }>(`SELECT id FROM calendar_events WHERE title = $1`, [
      FULL_EVENT,
    ]);
    fullEventId = row!.id;
    live = await startLive(ctx);
    base = live.url;
    browser = await launchBrowser();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await live?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser!.newContext({ locale: 'it-IT', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    return watchPage(await context.newPage(), problems);
  }

  async function goto(page: Page, path: string): Promise<void> {
    const res = await page.goto(base + path);
    expect(res?.status(), `GET ${path}`).to.equal(200);
  }

  const main = (page: Page) => page.getByRole('main');

  describe('a visitor', () => {
    let page: Page;
    before(async () => {
      page = await newPage();
    });

    it('goes from the menu to the news, the laws section and a law page', async () => {
      await goto(page, '/');
      await page
        .getByRole('navigation', { name: 'Menu principale' })
        .getByRole('link', { name: 'Notizie', exact: true })
        .click();
      await page.waitForURL(`${base}/notizie`);
      await goto(page, '/notizie/normativa');
      await main(page)
        .getByRole('link', { name: /D\.Lgs\. 150\/2015/ })
        .first()
        .click();
      await page.waitForURL(`${base}/notizie/${LAW}`);
      const text = await main(page).innerText();
      expect(text)
        .to.contain('D.Lgs. 150/2015')
        .and.match(/[Ii]n vigore/);
    });

    it('finds the RSS feed each list announces, valid RSS 2.0 with the right content type', async () => {
      await goto(page, '/notizie/rassegna-stampa');
      const href = await page.locator('head link[rel="alternate"][type="application/rss+xml"]').getAttribute('href');
      expect(href).to.equal('/notizie/rassegna-stampa/feed.xml');
      const res = await page.request.get(base + href);
      expect(res.status()).to.equal(200);
      expect(res.headers()['content-type']).to.equal('application/rss+xml; charset=utf-8');
      const xml = await res.text();
      expect(xml)
        .to.match(/<rss version="2.0"/)
        .and.contain('<item>');
    });

    it('imports the calendar: the iCal file behind the calendar page’s link', async () => {
      await goto(page, '/eventi');
      const href = await main(page).getByRole('link', { name: /iCal/ }).first().getAttribute('href');
      const res = await page.request.get(base + href);
      expect(res.headers()['content-type']).to.match(/^text\/calendar/);
      const ics = await res.text();
      expect(ics).to.contain('BEGIN:VCALENDAR').and.contain('BEGIN:VEVENT');
      expect(ics).to.contain(FULL_EVENT.slice(0, 30));
      // The demo's private group meeting (animatori-formez) is nobody's business outside it.
      expect(ics).not.to.contain('Riunione di programmazione degli animatori');
    });
  });

  describe('a member', () => {
    let page: Page;
    let waiting = false;

    it('signs in and joins the waiting list of a full event', async () => {
      const [person] = await ctx.database.query<{ email: string; name: string }>(
        `SELECT email, name FROM users WHERE role = 'member'
           AND id NOT IN (SELECT user_id FROM event_registrations WHERE event_id = $1) ORDER BY id LIMIT 1`,
        [fullEventId],
      );
      page = await newPage();
      await goto(page, '/accedi');
      await page.getByLabel('Indirizzo e-mail').fill(person!.email);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await main(page).getByRole('button', { name: 'Accedi', exact: true }).click();
      await page.waitForURL(`${base}/`);
      await goto(page, `/eventi/${fullEventId}`);
      await main(page)
        .getByRole('button', { name: /^Posti esauriti: mettiti in lista d.attesa$/ })
        .click();
      // Two people were already waiting: this member is the third.
      await main(page)
        .getByText(/Sei in lista d.attesa: posizione 3/)
        .waitFor();
      waiting = true;
    });

    it('finds the event in "I miei eventi"', async function () {
      needs(this, { waiting });
      await goto(page, '/eventi/miei');
      expect(await main(page).innerText()).to.contain(FULL_EVENT);
    });
  });

  describe('axe (WCAG 2.1 A and AA): no serious or critical violations', () => {
    let page: Page;
    before(async () => {
      page = await newPage();
    });

    for (const path of [
      '/notizie',
      '/notizie/rassegna-stampa',
      '/notizie/normativa',
      '/notizie/documenti',
      `/notizie/${LAW}`,
      '/eventi',
      '/eventi?vista=mese',
      '/eventi/:full',
      '/notiziario',
      '/notiziario/2',
    ]) {
      it(path, async () => {
        const url = path.replace(':full', String(fullEventId));
        await goto(page, url);
        await expectNoSeriousAxeViolations(page, url);
      });
    }
  });

  describe('at the end', () => {
    it('logged no console errors, CSP violations or failed requests on any page', () => {
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });
  });
});
