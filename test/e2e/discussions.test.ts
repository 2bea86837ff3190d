// Browser tests of groups and discussions in headless Debian Chromium (playwright-core), on the demo
// data, as real people use them: a member starts a discussion with Markdown, a mention and a PDF;
// the mentioned colleague follows the notification, replies in a thread, quotes and reacts; the
// author sees what is new; a flagged post is hidden by the group's owner, who also closes the
// thread. Keyboard access to the reply form, and axe on every page of the feature. Every page is
// watched for console errors, CSP violations and failed requests. Fails when Chromium is missing.
// A step that
// needs what an earlier one produced fails, naming it, when that step failed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { handleFrom } from '../../server/core/slug.ts';
import { demoContent } from '../../server/demo/data.ts';
import { DEMO_PASSWORD, seedDemo } from '../../server/demo/seed.ts';
import {
  expectNoSeriousAxeViolations as expectNoAxeViolations,
  launchBrowser,
  needs,
  requireChromium,
  watchPage,
} from '../helpers/browser.ts';
import { testContext, type TestContext } from '../helpers/context.ts';
import { startLive, type Live } from '../helpers/live.ts';

const GROUP = 'comunita-spi';

/** A demo account of comunita-spi with the given group role, read from the demo data. */
function demoMember(key: string, role: 'owner' | 'moderator' | 'member') {
  const group = demoContent.groups.find((g) => g.slug === GROUP)!;
  const membership = group.members.find((m) => m.key === key);
  if (membership?.role !== role) throw new Error(`demo data changed: ${key} is not ${role} of ${GROUP}`);
  const member = demoContent.members.find((m) => m.key === key)!;
  return { name: member.name, email: member.email, handle: handleFrom(member.name) };
}

/** The author: a plain member. */
const AUTHOR = demoMember('laura.mannucci', 'member');
/** The colleague mentioned in the first post: a plain member too. */
const COLLEAGUE = demoMember('teresa.gallo', 'member');
/** The group's owner, who moderates and manages roles. */
const OWNER = demoMember('lucia.ferraro', 'owner');

const TITLE = 'Colloqui di orientamento con il Libretto formativo';
const BODY = `Nel nostro CPI usiamo il Libretto nei **colloqui di bilancio** con i lavoratori in mobilità.\n\n@${COLLEAGUE.handle} come lo usate a Cosenza?`;
const REPLY = 'A Cosenza lo proponiamo già al primo colloquio di accoglienza.';
const SELF_REPLY = 'Aggiungo: lo compiliamo insieme alla persona, non lo consegniamo soltanto.';
const KEYBOARD_REPLY = 'Risposta scritta e inviata soltanto con la tastiera.';
const FLAG_REASON = 'Contiene dati personali di un utente del CPI.';
const HIDE_REASON = 'Dati personali di terzi';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);

describe('groups and discussions in the browser (headless Chromium)', function () {
  this.timeout(45_000);

  let ctx: TestContext;
  /** The app with Socket.IO attached, as in production: the pages' live script connects to it. */
  let live: Live | undefined;
  let browser: Browser | undefined;
  let base = '';
  let tmp = '';
  let pdfPath = '';
  const contexts: BrowserContext[] = [];
  /** Console errors, uncaught exceptions, CSP violations and failed sub-requests on any page. */
  const problems: string[] = [];
  /** Responses we provoke on purpose (a 400 for an invalid form): Chromium logs them as errors. */
  const expectedStatuses: { status: string; url: RegExp }[] = [];

  // Filled in as the story goes on.
  let threadId = 0;
  let firstPostId = 0;
  let replyId = 0;
  let selfReplyId = 0;
  let author: Page;
  let colleague: Page;
  let owner: Page;

  before(async function () {
    requireChromium(this);
    this.timeout(60_000);
    tmp = await mkdtemp(path.join(os.tmpdir(), 'retespi-e2e-discussions-'));
    pdfPath = path.join(tmp, 'scheda-colloquio.pdf');
    await writeFile(pdfPath, PDF);
    ctx = await testContext({ ATTACHMENTS_DIR: path.join(tmp, 'attachments') });
    await seedDemo(ctx);
    live = await startLive(ctx);
    base = live.url;
    browser = await launchBrowser();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await live?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** A page in a fresh browser context (own cookies), watched for errors. */
  async function newPage(): Promise<Page> {
    const context = await browser!.newContext({ locale: 'it-IT', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return watchPage(await context.newPage(), problems, (status, where) =>
      expectedStatuses.some((e) => e.status === status && e.url.test(where)),
    );
  }

  async function goto(page: Page, url: string): Promise<void> {
    const res = await page.goto(base + url);
    expect(res?.status(), `GET ${url}`).to.equal(200);
  }

  /** axe, plus our own check that no field label covers the text around it. */
  async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
    await expectNoAxeViolations(page, label);
    await expectNoCoveredText(page, label);
  }

  /**
   * bootstrap-italia lifts field labels above their inputs, out of the flow: a label's text must not
   * land on the text, alert or button before it (axe does not look at overlaps). Text is measured
   * by its glyph boxes (a Range), boxes with a border or background by their border box.
   */
  async function expectNoCoveredText(page: Page, label: string): Promise<void> {
    const overlaps = await page.locator('main label').evaluateAll((labels) => {
      const found: string[] = [];
      // (No named inner functions: tsx would wrap them in a helper the page does not have.)
      const others = [...document.querySelectorAll('main :is(h1, h2, h3, p, legend, label, li, .alert, .btn)')];
      for (const l of labels) {
        if (getComputedStyle(l).position !== 'absolute' || l.matches('.visually-hidden')) continue;
        const range = document.createRange();
        range.selectNodeContents(l);
        const a = range.getBoundingClientRect();
        if (a.width === 0 || a.height === 0) continue;
        for (const o of others) {
          if (o === l || o.contains(l) || l.contains(o)) continue;
          let b = o.getBoundingClientRect();
          if (!o.matches('.alert, .btn')) {
            const text = document.createRange();
            text.selectNodeContents(o);
            b = text.getBoundingClientRect();
          }
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 1 && h > 1)
            found.push(
              `label "${l.textContent!.trim()}" covers ${o.tagName.toLowerCase()}.${o.className} "${o.textContent!.trim().slice(0, 40)}" (${Math.round(h)}px)`,
            );
        }
      }
      return found;
    });
    expect(overlaps, `overlapping text on ${label}:\n${overlaps.join('\n')}`).to.deep.equal([]);
  }

  const main = (page: Page) => page.getByRole('main');
  const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
  const post = (page: Page, id: number) => page.locator(`#post-${id}`);
  const postIdOf = async (article: Locator) => Number((await article.getAttribute('id'))!.replace('post-', ''));

  /** Signs in through the form at /accedi, in a browser context of its own. */
  async function signIn(person: { email: string; name: string }): Promise<Page> {
    const page = await newPage();
    await goto(page, '/accedi');
    await page.getByLabel('Indirizzo e-mail').fill(person.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await button(main(page), 'Accedi').click();
    await page.waitForURL(`${base}/`);
    expect(await page.getByRole('banner').getByRole('button', { name: person.name }).isVisible()).to.equal(true);
    return page;
  }

  /** /gruppi through the main menu. */
  async function openGroups(page: Page): Promise<void> {
    await page
      .getByRole('navigation', { name: 'Menu principale' })
      .getByRole('link', { name: 'Gruppi', exact: true })
      .click();
    await page.waitForURL(`${base}/gruppi`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal('Gruppi');
  }

  it('lets a member start a discussion with Markdown, a mention and a PDF attachment', async () => {
    author = await signIn(AUTHOR);
    await openGroups(author);
    await main(author).getByRole('link', { name: 'Comunità SPI', exact: true }).click();
    await author.waitForURL(`${base}/gruppi/${GROUP}`);
    expect(await author.getByRole('heading', { level: 1 }).innerText()).to.equal('Comunità SPI');

    await main(author).getByRole('link', { name: 'Nuova discussione', exact: true }).click();
    await author.waitForURL(`${base}/gruppi/${GROUP}/discussioni/nuova`);
    expect(await author.getByRole('heading', { level: 1 }).innerText()).to.equal('Nuova discussione');

    // No text: the server answers 400, the Italian error sits next to the field, the title stays.
    await author.getByLabel('Titolo').fill(TITLE);
    expectedStatuses.push({ status: '400', url: new RegExp(`^${base}/gruppi/${GROUP}/discussioni(\\?|$)`) });
    const [response] = await Promise.all([
      author.waitForResponse(
        (r) => r.url().startsWith(`${base}/gruppi/${GROUP}/discussioni`) && r.request().method() === 'POST',
      ),
      button(main(author), 'Pubblica').click(),
    ]);
    expect(response.status()).to.equal(400);
    await author.waitForLoadState();
    const body = author.getByLabel('Testo');
    expect(await body.getAttribute('aria-invalid')).to.equal('true');
    expect(await body.getAttribute('aria-describedby')).to.contain('f-body-error');
    expect(await author.locator('#f-body-error').innerText()).to.contain('Scrivi il testo del messaggio.');
    expect(await author.getByRole('alert').first().innerText()).to.contain('Scrivi il testo del messaggio.');
    expect(await author.getByLabel('Titolo').inputValue()).to.equal(TITLE);
    await expectNoSeriousAxeViolations(author, 'new discussion form with errors');

    // Fixed, with a PDF: published, the author lands on the thread.
    await body.fill(BODY);
    await author.getByLabel('Allegati').setInputFiles(pdfPath);
    await button(main(author), 'Pubblica').click();
    await author.waitForURL(/\/discussioni\/\d+$/);
    threadId = Number(/\/discussioni\/(\d+)$/.exec(author.url())![1]);
    expect(await author.getByRole('heading', { level: 1 }).innerText()).to.equal(TITLE);

    const first = author.locator('article.post').first();
    firstPostId = await postIdOf(first);
    expect(await first.locator('.post-body strong').innerText()).to.equal('colloqui di bilancio');
    const [colleagueRow] = await ctx.database.query<{ id: number }>('SELECT id FROM users WHERE email = $1', [
      COLLEAGUE.email,
    ]);
    const mention = first.locator('.post-body a.mention');
    expect(await mention.innerText()).to.equal(`@${COLLEAGUE.handle}`);
    expect(await mention.getAttribute('href')).to.equal(`/membri/${colleagueRow!.id}`);
    const attachment = first.locator('.attachments a');
    expect(await attachment.innerText()).to.equal('scheda-colloquio.pdf');
    const href = (await attachment.getAttribute('href'))!;
    expect(href).to.match(/^\/allegati\/\d+\/scheda-colloquio\.pdf$/);
    const download = await author.request.get(base + href);
    expect(download.status()).to.equal(200);
    expect(download.headers()['content-type']).to.contain('application/pdf');
    expect(Buffer.compare(await download.body(), PDF)).to.equal(0);
  });

  it('brings the mentioned colleague from the notification to the post, to reply in a thread, quote and react', async function () {
    needs(this, { threadId, firstPostId });
    colleague = await signIn(COLLEAGUE);
    const bell = colleague.getByRole('banner').locator('.notifications-bell a[href="/notifiche"]');
    const count = Number(await bell.locator('[data-unread-count]').innerText());
    expect(count).to.be.greaterThan(0);
    expect(await bell.innerText()).to.contain(`${count} non lett`);

    await bell.click();
    await colleague.waitForURL(`${base}/notifiche`);
    const notification = main(colleague).getByRole('link', {
      name: `${AUTHOR.name} ti ha menzionato nella discussione «${TITLE}»`,
    });
    expect(await notification.count()).to.equal(1);
    await expectNoSeriousAxeViolations(colleague, '/notifiche');
    await notification.click();
    await colleague.waitForURL(`${base}/discussioni/${threadId}#post-${firstPostId}`);

    // A reply to the first post (top level), then a reply to that reply (nested, "in risposta a").
    await post(colleague, firstPostId)
      .getByRole('link', { name: `Rispondi ${AUTHOR.name}`, exact: true })
      .click();
    await colleague.waitForURL(new RegExp(`rispondi=${firstPostId}#rispondi$`));
    await colleague.getByLabel('La tua risposta').fill(REPLY);
    await button(main(colleague), 'Invia la risposta').click();
    await colleague.waitForURL(/#post-\d+$/);
    replyId = Number(/#post-(\d+)$/.exec(colleague.url())![1]);
    expect(await post(colleague, replyId).locator('.post-body').innerText()).to.equal(REPLY);
    expect(await post(colleague, replyId).getAttribute('class')).to.contain('post-depth-0');

    await post(colleague, replyId)
      .getByRole('link', { name: `Rispondi ${COLLEAGUE.name}`, exact: true })
      .click();
    await colleague.waitForURL(new RegExp(`rispondi=${replyId}#rispondi$`));
    await colleague.getByLabel('La tua risposta').fill(SELF_REPLY);
    await button(main(colleague), 'Invia la risposta').click();
    await colleague.waitForURL(/#post-\d+$/);
    selfReplyId = Number(/#post-(\d+)$/.exec(colleague.url())![1]);
    expect(selfReplyId).to.not.equal(replyId);
    const nested = post(colleague, selfReplyId);
    expect(await nested.locator('.post-body').innerText()).to.equal(SELF_REPLY);
    expect(await nested.getAttribute('class')).to.match(/\bpost-depth-[12]\b/);
    const inReplyTo = nested.locator('header').getByText('in risposta a');
    expect(await inReplyTo.innerText()).to.contain(`in risposta a ${COLLEAGUE.name}`);
    expect(
      await nested
        .locator('header')
        .getByRole('link', { name: COLLEAGUE.name, exact: true })
        .last()
        .getAttribute('href'),
    ).to.equal(`#post-${replyId}`);
    await colleague.screenshot({ path: '/tmp/e2e-thread.png', fullPage: true });
    await expectNoSeriousAxeViolations(colleague, 'thread page with threaded replies');

    // "Cita": the reply box opens with the quoted post.
    await post(colleague, firstPostId)
      .getByRole('link', { name: `Cita ${AUTHOR.name}`, exact: true })
      .click();
    await colleague.waitForURL(new RegExp(`cita=${firstPostId}#rispondi$`));
    const quote = await colleague.getByLabel('La tua risposta').inputValue();
    expect(quote).to.match(new RegExp(`^> \\*\\*${AUTHOR.name}\\*\\* ha scritto:\n>\n> Nel nostro CPI`));

    // "Utile" on the first post.
    const useful = post(colleague, firstPostId).getByRole('button', { name: /^Utile/ });
    expect(await useful.getAttribute('aria-pressed')).to.equal('false');
    expect(await useful.locator('.badge').innerText()).to.equal('0');
    await useful.click();
    await colleague.waitForURL(`${base}/discussioni/${threadId}#post-${firstPostId}`);
    expect(await useful.getAttribute('aria-pressed')).to.equal('true');
    expect(await useful.locator('.badge').innerText()).to.equal('1');
  });

  it('shows the author what is new: the unread count in the group and "Nuovo" on the replies', async function () {
    needs(this, { replyId, selfReplyId });
    await goto(author, `/gruppi/${GROUP}`);
    const item = main(author)
      .locator('.thread-list li')
      .filter({ has: author.getByRole('link', { name: TITLE, exact: true }) });
    expect(await item.locator('.badge').innerText()).to.equal('2 nuove');
    expect(await item.innerText()).to.contain('2 risposte');

    await item.getByRole('link', { name: TITLE, exact: true }).click();
    await author.waitForURL(`${base}/discussioni/${threadId}`);
    for (const id of [replyId, selfReplyId]) {
      expect(await post(author, id).getAttribute('class')).to.contain('post-unread');
      expect(await post(author, id).locator('header .badge').innerText()).to.equal('Nuovo');
    }
    expect(await post(author, firstPostId).getAttribute('class')).to.not.contain('post-unread');
    expect(await post(author, firstPostId).getByText('Nuovo', { exact: true }).count()).to.equal(0);

    // Seen once, no longer new.
    await author.reload();
    expect(await author.locator('.post-unread').count()).to.equal(0);
    await goto(author, `/gruppi/${GROUP}`);
    expect(await item.locator('.badge').count()).to.equal(0);
  });

  it('lets keyboard users reach the reply box with Tab and send the reply with Enter', async function () {
    needs(this, { colleague, threadId });
    await goto(colleague, `/discussioni/${threadId}`);
    const active = () =>
      colleague.evaluate(() => ({
        id: document.activeElement?.id ?? '',
        text: document.activeElement?.textContent?.trim() ?? '',
      }));
    let reached = false;
    for (let i = 0; i < 150 && !reached; i++) {
      await colleague.keyboard.press('Tab');
      reached = (await active()).id === 'f-body';
    }
    expect(reached, 'Tab reaches the reply textarea').to.equal(true);
    await colleague.keyboard.type(KEYBOARD_REPLY);
    let onSubmit = false;
    for (let i = 0; i < 5 && !onSubmit; i++) {
      await colleague.keyboard.press('Tab');
      onSubmit = (await active()).text === 'Invia la risposta';
    }
    expect(onSubmit, 'Tab reaches "Invia la risposta"').to.equal(true);
    await colleague.keyboard.press('Enter');
    await colleague.waitForURL(/#post-\d+$/);
    const id = Number(/#post-(\d+)$/.exec(colleague.url())![1]);
    expect(await post(colleague, id).locator('.post-body').innerText()).to.equal(KEYBOARD_REPLY);
  });

  it('lets a member flag a post, the owner hide it and close the thread, and logs both', async function () {
    needs(this, { selfReplyId });
    // The author flags the colleague's nested reply.
    await goto(author, `/discussioni/${threadId}`);
    await post(author, selfReplyId).getByRole('link', { name: 'Segnala', exact: true }).click();
    await author.waitForURL(`${base}/messaggi/${selfReplyId}/segnala`);
    expect(await main(author).locator('blockquote').innerText()).to.contain(SELF_REPLY);
    await expectNoSeriousAxeViolations(author, 'flag form');
    await author.getByLabel('Motivo della segnalazione').fill(FLAG_REASON);
    await button(main(author), 'Invia la segnalazione').click();
    await author.waitForURL(`${base}/discussioni/${threadId}#post-${selfReplyId}`);

    // The owner finds it in the group's queue and hides it with a reason.
    owner = await signIn(OWNER);
    await goto(owner, `/gruppi/${GROUP}`);
    await main(owner).getByRole('link', { name: 'Segnalazioni da esaminare', exact: true }).click();
    await owner.waitForURL(`${base}/gruppi/${GROUP}/segnalazioni`);
    const flag = main(owner).locator('li.card').filter({ hasText: FLAG_REASON });
    expect(await flag.count()).to.equal(1);
    expect(await flag.innerText()).to.contain(`Segnalato da ${AUTHOR.name}`);
    expect(await flag.innerText()).to.contain(SELF_REPLY);
    await owner.screenshot({ path: '/tmp/e2e-flags.png', fullPage: true });
    await expectNoSeriousAxeViolations(owner, 'flag queue');
    await flag.getByLabel('Motivo (facoltativo)').fill(HIDE_REASON);
    await Promise.all([
      owner.waitForResponse(
        (r) => r.request().method() === 'GET' && r.url() === `${base}/gruppi/${GROUP}/segnalazioni`,
      ),
      button(flag, 'Nascondi').click(),
    ]);
    await owner.waitForLoadState('domcontentloaded');
    expect(await owner.getByRole('status').first().innerText()).to.contain('Messaggio nascosto.');

    // A visitor no longer sees the words, only the notice.
    const visitor = await newPage();
    await goto(visitor, `/discussioni/${threadId}`);
    const hidden = post(visitor, selfReplyId);
    expect(await hidden.innerText()).to.contain('Messaggio nascosto dai moderatori.');
    expect(await hidden.innerText()).to.not.contain(SELF_REPLY);
    expect(await visitor.getByText(SELF_REPLY).count()).to.equal(0);
    expect(await post(visitor, replyId).innerText()).to.contain(REPLY);

    // The owner closes the thread.
    await goto(owner, `/discussioni/${threadId}`);
    // The page posts to its own address' neighbour and comes back to the same URL: wait for the
    // redirected page itself, not just for the URL (which already matches before the click).
    await Promise.all([
      owner.waitForResponse((r) => r.request().method() === 'GET' && r.url() === `${base}/discussioni/${threadId}`),
      button(main(owner), 'Chiudi la discussione').click(),
    ]);
    await owner.waitForLoadState('domcontentloaded');
    expect(await owner.getByRole('status').first().innerText()).to.contain('Discussione chiusa.');

    // The log names both actions, with the reason.
    await goto(owner, `/gruppi/${GROUP}`);
    await main(owner).getByRole('link', { name: 'Registro della moderazione', exact: true }).click();
    await owner.waitForURL(`${base}/gruppi/${GROUP}/registro`);
    const hideRow = main(owner).locator('tbody tr').filter({ hasText: 'Messaggio nascosto' });
    expect(await hideRow.count()).to.equal(1);
    expect(await hideRow.innerText()).to.contain(OWNER.name);
    expect(await hideRow.innerText()).to.contain(HIDE_REASON);
    expect(await hideRow.getByRole('link').getAttribute('href')).to.equal(`/messaggi/${selfReplyId}`);
    const lockRow = main(owner).locator('tbody tr').filter({ hasText: 'Discussione chiusa' });
    expect(await lockRow.count()).to.equal(1);
    expect(await lockRow.getByRole('link').getAttribute('href')).to.equal(`/discussioni/${threadId}`);
    await expectNoSeriousAxeViolations(owner, 'moderation log');

    // A member now finds no reply form, only the notice; the group list shows the thread closed.
    await goto(colleague, `/discussioni/${threadId}`);
    expect(await colleague.getByLabel('La tua risposta').count()).to.equal(0);
    expect(await button(main(colleague), 'Invia la risposta').count()).to.equal(0);
    expect(
      await main(colleague)
        .getByRole('link', { name: /^Rispondi/ })
        .count(),
    ).to.equal(0);
    expect(await main(colleague).locator('#rispondi').innerText()).to.contain(
      'La discussione è chiusa: non si possono aggiungere risposte.',
    );
    await goto(colleague, `/gruppi/${GROUP}`);
    const item = main(colleague)
      .locator('.thread-list li')
      .filter({ has: colleague.getByRole('link', { name: TITLE, exact: true }) });
    expect(await item.innerText()).to.contain('Chiusa');
  });

  describe('axe (WCAG 2.1 A and AA): no serious or critical violations', () => {
    it('/gruppi', async function () {
      needs(this, { author });
      await goto(author, '/gruppi');
      await expectNoSeriousAxeViolations(author, '/gruppi');
    });

    it(`/gruppi/${GROUP} (as a member, with unread badges)`, async function () {
      needs(this, { colleague });
      await goto(colleague, `/gruppi/${GROUP}`);
      await expectNoSeriousAxeViolations(colleague, `/gruppi/${GROUP}`);
    });

    it(`/gruppi/${GROUP} (as the owner, with the moderation box)`, async function () {
      needs(this, { owner });
      await goto(owner, `/gruppi/${GROUP}`);
      await expectNoSeriousAxeViolations(owner, `/gruppi/${GROUP} as owner`);
    });

    it('the thread page as the owner (moderation controls, hidden post, closed thread)', async function () {
      needs(this, { owner, threadId });
      await goto(owner, `/discussioni/${threadId}`);
      await expectNoSeriousAxeViolations(owner, `/discussioni/${threadId} as owner`);
    });

    it(`/gruppi/${GROUP}/membri (as the owner, with role selects)`, async function () {
      needs(this, { owner });
      await goto(owner, `/gruppi/${GROUP}/membri`);
      expect(
        await main(owner)
          .getByLabel(/^Ruolo di /)
          .count(),
      ).to.be.greaterThan(1);
      await expectNoSeriousAxeViolations(owner, `/gruppi/${GROUP}/membri`);
    });

    it('the flag queue, empty', async function () {
      needs(this, { owner });
      await goto(owner, `/gruppi/${GROUP}/segnalazioni`);
      await expectNoSeriousAxeViolations(owner, 'empty flag queue');
    });
  });

  // Last (mocha runs a suite's own tests before its sub-suites): everything above has been watched.
  describe('at the end', () => {
    it('logged no console errors, CSP violations or failed requests on any page', () => {
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });
  });
});
