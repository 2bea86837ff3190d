// Browser tests in headless Debian Chromium (playwright-core, never a downloaded browser): a new
// person's journey through the real pages, keyboard access, and axe on the main pages. Every page
// is watched for console errors, CSP violations and failed requests. Fails when Chromium is
// missing.
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoSeriousAxeViolations, launchBrowser, requireChromium, watchPage } from '../helpers/browser.ts';
import { seedDemo } from '../../server/demo/seed.ts';
import { startLive, type Live } from '../helpers/live.ts';
import { testContext, type TestContext } from '../helpers/context.ts';

const PERSON = {
  name: 'Maria Rossi',
  email: 'maria.rossi@cpi-firenze.example.org',
  password: 'una-password-lunga-2026',
  organization: 'CPI di Firenze',
  jobTitle: 'Operatrice dei servizi al lavoro',
  region: 'Toscana',
};

describe('browser (headless Chromium)', function () {
  this.timeout(30_000);

  let ctx: TestContext;
  let live: Live | undefined;
  let browser: Browser | undefined;
  let base = '';
  const contexts: BrowserContext[] = [];
  /** Console errors, uncaught exceptions, CSP violations and failed requests seen on any page. */
  const problems: string[] = [];
  /** Responses we provoke on purpose (e.g. 400 for a bad form): Chromium logs them as errors. */
  const expectedStatuses = new Set<string>();

  before(async function () {
    requireChromium(this);
    this.timeout(60_000);
    ctx = await testContext();
    await seedDemo(ctx);
    // With Socket.IO attached, as in production: signed-in pages open a live connection.
    live = await startLive(ctx);
    base = live.url;
    browser = await launchBrowser();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    if (live) {
      await live.close();
    }
  });

  /** A page in a fresh browser context (own cookies), watched for errors. */
  async function newPage(): Promise<Page> {
    const context = await browser!.newContext({ locale: 'it-IT', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    return watchPage(await context.newPage(), problems, (status, where) => expectedStatuses.has(`${status} ${where}`));
  }

  async function goto(page: Page, path: string): Promise<void> {
    const res = await page.goto(base + path);
    expect(res?.status(), `GET ${path}`).to.equal(200);
  }

  /** The registration form filled in through its labels, as a person would. */
  async function fillRegistration(page: Page, values: typeof PERSON): Promise<void> {
    await page.getByLabel('Nome e cognome').fill(values.name);
    await page.getByLabel('Indirizzo e-mail').fill(values.email);
    await page.getByLabel('Password').fill(values.password);
    await page.getByLabel('Ente di appartenenza').fill(values.organization);
    await page.getByLabel('Ruolo').fill(values.jobTitle);
    await page.getByLabel('Regione').selectOption(values.region);
  }

  const submitButton = (page: Page, name: string) => page.getByRole('main').getByRole('button', { name, exact: true });

  /** Submits the form with a malformed e-mail address; the server answers 400 with the errors. */
  async function submitInvalidRegistration(page: Page): Promise<void> {
    await fillRegistration(page, { ...PERSON, email: 'maria.rossi-chiocciola-esempio.it' });
    expectedStatuses.add(`400 ${base}/registrati`);
    const [response] = await Promise.all([
      page.waitForResponse(`${base}/registrati`),
      submitButton(page, 'Registrati').click(),
    ]);
    expect(response.status()).to.equal(400);
    await page.waitForLoadState();
  }

  it('takes a new person from the home page through registration, sign-out, sign-in and the language switch', async () => {
    const page = await newPage();
    await goto(page, '/');
    await page.screenshot({ path: '/tmp/e2e-home.png', fullPage: true });

    await page.getByRole('banner').getByRole('link', { name: 'Registrati', exact: true }).click();
    await page.waitForURL(`${base}/registrati`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal('Registrati alla community');

    // A malformed e-mail: the Italian error sits next to the field, everything but the password stays filled.
    await submitInvalidRegistration(page);
    const email = page.getByLabel('Indirizzo e-mail');
    expect(await email.getAttribute('aria-invalid')).to.equal('true');
    expect(await email.getAttribute('aria-describedby')).to.contain('f-email-error');
    const emailError = page.locator('#f-email-error');
    expect(await emailError.isVisible()).to.equal(true);
    expect(await emailError.innerText()).to.contain('Inserisci un indirizzo e-mail valido');
    expect(await email.inputValue()).to.equal('maria.rossi-chiocciola-esempio.it');
    expect(await page.getByLabel('Nome e cognome').inputValue()).to.equal(PERSON.name);
    expect(await page.getByLabel('Ente di appartenenza').inputValue()).to.equal(PERSON.organization);
    expect(await page.getByLabel('Ruolo').inputValue()).to.equal(PERSON.jobTitle);
    expect(await page.getByLabel('Regione').inputValue()).to.equal(PERSON.region);
    expect(await page.getByLabel('Password').inputValue()).to.equal('');
    expect(await page.getByRole('alert').first().innerText()).to.contain('Alcuni dati non sono validi.');
    await page.screenshot({ path: '/tmp/e2e-register.png', fullPage: true });

    // Fixed: the person lands on their profile, welcomed.
    await email.fill(PERSON.email);
    await page.getByLabel('Password').fill(PERSON.password);
    await submitButton(page, 'Registrati').click();
    await page.waitForURL(/\/membri\/\d+$/);
    expect(await page.getByRole('status').innerText()).to.contain(`Benvenuta/o nella community, ${PERSON.name}!`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).to.contain(PERSON.name);
    await expectNoSeriousAxeViolations(page, 'own profile, signed in');

    // Sign out from the user menu in the header (a POST form inside the dropdown).
    const userMenu = page.getByRole('banner').getByRole('button', { name: PERSON.name });
    await userMenu.click();
    expect(await userMenu.getAttribute('aria-expanded')).to.equal('true');
    await page.getByRole('banner').getByRole('button', { name: 'Esci', exact: true }).click();
    await page.waitForURL(`${base}/`);
    expect(await page.getByRole('banner').getByRole('link', { name: 'Accedi', exact: true }).isVisible()).to.equal(
      true,
    );
    expect(await page.getByRole('banner').getByText(PERSON.name).count()).to.equal(0);

    // Sign in again with the same credentials.
    await page.getByRole('banner').getByRole('link', { name: 'Accedi', exact: true }).click();
    await page.waitForURL(`${base}/accedi`);
    await page.getByLabel('Indirizzo e-mail').fill(PERSON.email);
    await page.getByLabel('Password').fill(PERSON.password);
    await submitButton(page, 'Accedi').click();
    await page.waitForURL(`${base}/`);
    expect(await page.getByRole('banner').getByRole('button', { name: PERSON.name }).isVisible()).to.equal(true);

    // English through the language menu in the header, and back to Italian through the footer.
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Lingua/ })
      .click();
    await page.getByRole('banner').getByRole('link', { name: 'English', exact: true }).click();
    await page.waitForURL(`${base}/`);
    expect(await page.locator('html').getAttribute('lang')).to.equal('en');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal(
      'The network of Public Employment Services operators',
    );
    expect(
      await page
        .getByRole('navigation', { name: 'Main menu' })
        .getByRole('link', { name: 'Administrations' })
        .isVisible(),
    ).to.equal(true);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Versione italiana' }).click();
    await page.waitForURL(`${base}/`);
    expect(await page.locator('html').getAttribute('lang')).to.equal('it');
  });

  it('lets keyboard users skip to the main content first', async () => {
    const page = await newPage();
    await goto(page, '/');
    await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(() => ({
        id: document.activeElement?.id ?? '',
        text: document.activeElement?.textContent?.trim() ?? '',
      }));
    expect((await focused()).text).to.equal('Vai al contenuto principale');
    expect(await page.getByRole('link', { name: 'Vai al contenuto principale' }).isVisible()).to.equal(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main-container');
    expect((await focused()).id).to.equal('main-container');
  });

  describe('axe (WCAG 2.1 A and AA): no serious or critical violations', () => {
    let page: Page;
    before(async () => {
      page = await newPage();
    });

    for (const path of ['/', '/registrati', '/accedi', '/membri', '/enti', '/gruppi', '/gruppi/comunita-spi']) {
      it(path, async () => {
        await goto(page, path);
        await expectNoSeriousAxeViolations(page, path);
      });
    }

    it('/membri/:id', async () => {
      const [member] = await ctx.database.query<{ id: number }>(
        `SELECT id FROM users WHERE email = 'lucia.ferraro@formez.example.org'`,
      );
      await goto(page, `/membri/${member!.id}`);
      await expectNoSeriousAxeViolations(page, `/membri/${member!.id}`);
    });

    it('/registrati showing errors', async () => {
      await goto(page, '/registrati');
      await submitInvalidRegistration(page);
      await expectNoSeriousAxeViolations(page, '/registrati with errors');
    });
  });

  // Last (mocha runs a suite's own tests before its sub-suites): everything above has been watched.
  describe('at the end', () => {
    it('logged no console errors, CSP violations or failed requests on any page', () => {
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });
  });
});
