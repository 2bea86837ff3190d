// What every browser test shares: Debian's Chromium (skipped without it unless REQUIRE_BROWSER),
// pages watched for console errors, CSP violations and failed requests, and axe checks.
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Skips the suite without Chromium, or fails it when CI requires the browser. */
export function requireChromium(suite: Mocha.Context): void {
  if (existsSync(CHROMIUM)) return;
  if (process.env.REQUIRE_BROWSER) throw new Error(`REQUIRE_BROWSER is set but there is no Chromium at ${CHROMIUM}`);
  suite.skip();
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
}

/**
 * Records console errors (CSP violations included), uncaught exceptions and failed sub-requests
 * of a page into `problems`; `expected(status, url)` lets a test allow what it provokes on purpose.
 */
export function watchPage(page: Page, problems: string[], expected: (status: string, url: string) => boolean = () => false): Page {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location().url;
    const status = /status of (\d{3})/.exec(msg.text())?.[1];
    if (status && expected(status, where)) return;
    problems.push(`${page.url()}: console error: ${msg.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (err) => problems.push(`${page.url()}: uncaught ${err.name}: ${err.message}`));
  page.on('response', (res) => {
    const request = res.request();
    if (res.status() >= 400 && request.resourceType() !== 'document') {
      problems.push(`${page.url()}: ${request.resourceType()} ${res.url()} answered ${res.status()}`);
    }
  });
  return page;
}

/** Fails with a readable report when axe finds serious or critical WCAG 2.1 A/AA violations. */
export async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map((v) => `- ${v.id} (${v.impact}): ${v.help} ${v.helpUrl}\n${v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`)
    .join('\n');
  expect(serious, `axe on ${label}:\n${report}`).to.have.length(0);
}
