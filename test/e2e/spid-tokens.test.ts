// SPID/CIE sign-in and API tokens in headless Chromium, against a real OpenID provider on
// 127.0.0.1: a new operator clicks "Entra con SPID / CIE", the provider signs them in, they complete
// their profile (administration, region) and land on their page; they create a read-only API token
// that the API then refuses a write; an admin issues an integration token to a system. axe on the
// new pages; every app page watched for console errors, CSP violations and failed requests.
import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../factories.ts';
import { expectNoSeriousAxeViolations, launchBrowser, needs, requireChromium, watchPage } from '../helpers/browser.ts';
import { testContext, type TestContext } from '../helpers/context.ts';
import { createRealtime, type Realtime } from '../../server/realtime/io.ts';
import { startProvider, type TestProvider } from '../helpers/oidc.ts';

async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('browser: SPID/CIE sign-in and API tokens (headless Chromium, real OpenID provider)', function () {
  this.timeout(60_000);
  let provider: TestProvider;
  let ctx: TestContext;
  let server: http.Server;
  let realtime: Realtime | undefined;
  let browser: Browser;
  let base: string;
  const problems: string[] = [];
  const done = { signedIn: false };
  let page: Page;

  before(async function () {
    requireChromium(this);
    this.timeout(90_000);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startProvider(base);
    provider.accounts.set('lucia', {
      email: 'lucia.ferri@esempio.it',
      email_verified: true,
      fiscal_number: 'TINIT-FRRLCU82C41A944K',
      given_name: 'Lucia',
      family_name: 'Ferri',
    });
    ctx = await testContext(provider.env);
    server = http.createServer(ctx.app);
    realtime = createRealtime(ctx, server, ctx.app);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'it-IT', viewport: { width: 1280, height: 900 } });
    // Only the app's pages are watched: the provider's own pages are not ours.
    page = watchPage(await context.newPage(), problems, (_status, url) => url.startsWith(provider.issuer));
  });
  after(async () => {
    await browser?.close();
    await realtime?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await provider?.close();
  });

  it('a new operator signs in with SPID/CIE and completes their profile', async () => {
    provider.signInAs('lucia');
    const visited: string[] = [];
    page.on('response', (r) => visited.push(`${r.status()} ${r.url()}`));
    await page.goto(`${base}/accedi`);
    await page.getByRole('link', { name: 'Entra con SPID / CIE' }).click();
    await page.waitForURL(`${base}/accedi/spid/completa`, { timeout: 15_000 }).catch(async (err: unknown) => {
      throw new Error(`${String(err)} at ${page.url()}: ${visited.join('\n')}`);
    });
    await expectNoSeriousAxeViolations(page, 'the first-login form');
    expect(await page.locator('#f-name').inputValue()).to.equal('Lucia Ferri');
    expect(await page.locator('#f-email').inputValue()).to.equal('lucia.ferri@esempio.it');
    await page.locator('#f-organization').fill('CPI di Bologna');
    await page.locator('#f-jobTitle').fill('Orientatrice');
    await page.locator('#f-region').selectOption('Emilia-Romagna');
    await page.getByRole('button', { name: 'Entra nella comunità' }).click();
    await page.waitForURL(/\/membri\/\d+$/);
    expect(await page.getByRole('main').textContent()).to.contain('Lucia Ferri');
    done.signedIn = true;
  });

  it('they create a read-only API token, which the API lets read and refuses a write', async function () {
    needs(this, { 'the SPID/CIE sign-in': done.signedIn });
    await page.goto(`${base}/profilo/token`);
    await expectNoSeriousAxeViolations(page, 'the tokens page');
    await page.locator('#f-name').fill('Cruscotto regionale');
    // bootstrap-italia draws checkboxes on their labels: a person clicks the label.
    await page.locator('label[for="f-scopes-write"]').click();
    await page.locator('#f-expiresInDays').selectOption('30');
    await page.getByRole('button', { name: 'Crea token' }).click();
    const token = (await page.locator('#new-token').textContent())!.trim();
    expect(token).to.match(/^rspi_/);
    const row = page.getByRole('row', { name: /Cruscotto regionale/ });
    expect(await row.textContent())
      .to.contain('Lettura')
      .and.not.contain('Scrittura');
    await request(ctx.app).get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(200);
    const write = await request(ctx.app)
      .post('/api/v1/notifications/read')
      .set('authorization', `Bearer ${token}`)
      .send({})
      .expect(403);
    expect(write.body.error.code).to.equal('insufficient_scope');
  });

  it('an admin issues an integration token to a system', async () => {
    const admin = await createUser(ctx, { role: 'admin', organization: 'Regione Emilia-Romagna' });
    const context = await browser.newContext({ locale: 'it-IT', viewport: { width: 1280, height: 900 } });
    const adminPage = watchPage(await context.newPage(), problems);
    await adminPage.goto(`${base}/accedi`);
    await adminPage.locator('#f-email').fill(admin.email);
    await adminPage.locator('#f-password').fill(admin.password);
    await adminPage.getByRole('button', { name: 'Accedi' }).click();
    await adminPage.waitForURL(`${base}/`);
    await adminPage.goto(`${base}/admin/integrazioni`);
    await expectNoSeriousAxeViolations(adminPage, 'the integration tokens page');
    await adminPage.locator('#f-system').fill('SIL Emilia-Romagna');
    await adminPage.locator('#f-organization').selectOption({ label: 'Regione Emilia-Romagna' });
    await adminPage.getByRole('button', { name: 'Rilascia il token' }).click();
    expect(await adminPage.getByRole('main').textContent()).to.contain('Token rilasciato a SIL Emilia-Romagna.');
    const token = (await adminPage.locator('#new-token').textContent())!.trim();
    const me = await request(ctx.app).get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(200);
    expect(me.body.user.name).to.equal('SIL Emilia-Romagna');
    await context.close();
  });

  it('left no console error, CSP violation or failed request on the app’s pages', () => {
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});
