// What the browser journeys on the demo data share: a test context with the demo loaded, the app
// listening, Chromium, people signed in through the sign-in form (each in their own browser
// context, every page watched), and the small moves a person makes on bootstrap-italia pages.
import { expect } from 'chai';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { demoContent } from '../../server/demo/data.ts';
import { DEMO_PASSWORD, seedDemo } from '../../server/demo/seed.ts';
import { launchBrowser, requireChromium, watchPage } from './browser.ts';
import { testContext, type TestContext } from './context.ts';
import { startLive, type Live } from './live.ts';

/** A demo member by key (server/demo/data.ts), with what signing in takes. */
export function demoPerson(key: string): { email: string; name: string } {
  const m = demoContent.members.find((x) => x.key === key);
  if (!m) throw new Error(`no demo member "${key}"`);
  return { email: m.email, name: m.name };
}

/** The page's main landmark (what the page is about, without header and footer). */
export const main = (page: Page): Locator => page.getByRole('main');

/** bootstrap-italia draws radio buttons and checkboxes on their labels: a person clicks the label. */
export const choose = (page: Page, id: string): Promise<void> => page.locator(`label[for="${id}"]`).click();

export type DemoBrowser = {
  readonly ctx: TestContext;
  readonly base: string;
  /** What the watched pages reported (console errors, CSP violations, failed requests). */
  readonly problems: string[];
  /** A new browser context signed in as `who` through the form, on the home page. */
  signedIn(who: { email: string }, options?: { timeoutMs?: number }): Promise<Page>;
  /** A new anonymous page, watched. */
  anonymous(): Promise<Page>;
  /** Goes to `path` and expects a 200. */
  goto(page: Page, path: string): Promise<void>;
};

/**
 * Registers the suite's before/after hooks (demo data, the app listening, Chromium) and returns the
 * handle the tests use once `before` has run.
 */
export function demoBrowser(suite: Mocha.Suite, setupTimeoutMs = 90_000): DemoBrowser {
  let ctx: TestContext | undefined;
  let live: Live | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  suite.beforeAll(async function () {
    requireChromium(this);
    this.timeout(setupTimeoutMs);
    ctx = await testContext();
    await seedDemo(ctx);
    live = await startLive(ctx);
    browser = await launchBrowser();
  });
  suite.afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await live?.close();
  });

  async function newPage(timeoutMs?: number): Promise<Page> {
    const context = await browser!.newContext({ locale: 'it-IT', viewport: { width: 1280, height: 900 } });
    if (timeoutMs) context.setDefaultTimeout(timeoutMs);
    contexts.push(context);
    return watchPage(await context.newPage(), problems);
  }

  return {
    get ctx() {
      return ctx!;
    },
    get base() {
      return live!.url;
    },
    problems,
    async signedIn(who, options = {}) {
      const page = await newPage(options.timeoutMs);
      const base = live!.url;
      await page.goto(`${base}/accedi`);
      await page.getByLabel('Indirizzo e-mail').fill(who.email);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await main(page).getByRole('button', { name: 'Accedi', exact: true }).click();
      await page.waitForURL(`${base}/`);
      return page;
    },
    anonymous: () => newPage(),
    async goto(page, path) {
      const res = await page.goto(live!.url + path);
      expect(res?.status(), `GET ${path}`).to.equal(200);
    },
  };
}
