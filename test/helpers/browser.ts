// What every browser test shares: Debian's Chromium (a failure without it, never a skip), pages
// watched for console errors, CSP violations and failed
// requests, steps that build on earlier ones, and axe checks.
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import { chromium, type Browser, type Frame, type Page, type Request } from 'playwright-core';
import { missingPrerequisite } from './process.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Skips the suite without Chromium, or fails it when the run requires the browser (CI). */
export function requireChromium(suite: Mocha.Context): void {
  if (!existsSync(CHROMIUM)) missingPrerequisite(suite, `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
}

// ---- The page watcher ----

/** A request that got no answer, as the watcher saw it. */
export type FailedRequest = {
  url: string;
  resourceType: string;
  /** Chromium's reason: "net::ERR_ABORTED", "net::ERR_CONNECTION_REFUSED", "net::ERR_NAME_NOT_RESOLVED"… */
  errorText: string;
  /** The page was closed, or the request's frame detached, by the time the request failed. */
  pageGone: boolean;
  /**
   * The request's document is being left: its frame started or committed a navigation after the
   * request was sent, or another navigation of the frame is under way.
   */
  navigatedAway: boolean;
};

/**
 * Whether a failed request is no failure of the app: Chromium cancels what a document still loads
 * (its favicon, an image, a polling request) when the frame navigates away or the page closes, and
 * reports it as net::ERR_ABORTED. Everything else counts: a refused or reset connection, an unknown
 * host, a request blocked by CSP, and an abort that no navigation explains (a script cancelling its
 * own request, or a navigation answered with no content).
 */
export function abortedByNavigation(failure: FailedRequest): boolean {
  return failure.errorText === 'net::ERR_ABORTED' && (failure.pageGone || failure.navigatedAway);
}

/** What the watcher reports for a failed request, or undefined when there is nothing to report. */
export function failedRequestProblem(
  failure: FailedRequest,
  documentUrl: string,
  expectedError: (text: string) => boolean = () => false,
): string | undefined {
  if (abortedByNavigation(failure) || expectedError(failure.errorText)) return undefined;
  return `${documentUrl}: ${failure.resourceType} ${failure.url} failed: ${failure.errorText}`;
}

/** What a test provokes on purpose, so that the watcher does not count it. */
export type Expected = {
  /** An error status (e.g. a 400 for an invalid form; Chromium logs those as console errors too). */
  status?: (status: string, url: string) => boolean;
  /** A console error or a network failure, by its text (e.g. ERR_INTERNET_DISCONNECTED while offline). */
  error?: (text: string) => boolean;
};

/** The frame a request belongs to (requests of service workers have none). */
function frameOf(request: Request): Frame | undefined {
  try {
    return request.frame();
  } catch {
    return undefined;
  }
}

const withoutHash = (url: string) => url.replace(/#.*$/, '');

/**
 * Records into `problems` a page's console errors (CSP violations included), uncaught exceptions,
 * error statuses (4xx/5xx) of any request and requests that failed, except those the browser
 * cancelled because the page navigated away or closed (see `abortedByNavigation`). `expected` lets
 * a test allow what it provokes on purpose: a function of (status, url), or an `Expected`.
 */
export function watchPage(
  page: Page,
  problems: string[],
  expected: Expected | ((status: string, url: string) => boolean) = {},
): Page {
  const allowed: Expected = typeof expected === 'function' ? { status: expected } : expected;
  const expectedStatus = allowed.status ?? (() => false);
  const expectedError = allowed.error ?? (() => false);

  // Navigations started or committed per frame: a request sent before the latest one belongs to a
  // document being left; so does one that fails while another navigation of its frame is under way
  // (Chromium stops the old document's loads before the new one commits).
  const navigations = new WeakMap<Frame, number>();
  const pendingNavigation = new WeakMap<Frame, Request>();
  const committedUrl = new WeakMap<Frame, string>();
  const sent = new WeakMap<Request, { navigation: number; documentUrl: string }>();
  const navigated = (frame: Frame) => navigations.set(frame, (navigations.get(frame) ?? 0) + 1);

  page.on('request', (request) => {
    const frame = frameOf(request);
    if (!frame) return;
    if (request.isNavigationRequest()) {
      navigated(frame);
      pendingNavigation.set(frame, request);
    }
    sent.set(request, { navigation: navigations.get(frame) ?? 0, documentUrl: frame.url() });
  });
  page.on('framenavigated', (frame) => {
    // A new document (after a navigation request, or restored from the back/forward cache); a
    // change of the hash alone keeps the document and its requests.
    const url = withoutHash(frame.url());
    if (pendingNavigation.has(frame) || committedUrl.get(frame) !== url) navigated(frame);
    pendingNavigation.delete(frame);
    committedUrl.set(frame, url);
  });

  page.on('console', (msg) => {
    if (msg.type() !== 'error' || expectedError(msg.text())) return;
    const where = msg.location().url;
    const status = /status of (\d{3})/.exec(msg.text())?.[1];
    if (status && expectedStatus(status, where)) return;
    problems.push(`${page.url()}: console error: ${msg.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (err) => problems.push(`${page.url()}: uncaught ${err.name}: ${err.message}`));
  page.on('response', (res) => {
    const request = res.request();
    if (res.status() >= 400 && !expectedStatus(String(res.status()), res.url())) {
      problems.push(`${page.url()}: ${request.resourceType()} ${res.url()} answered ${res.status()}`);
    }
  });
  page.on('requestfailed', (request) => {
    const frame = frameOf(request);
    const before = sent.get(request);
    const pending = frame && pendingNavigation.get(frame);
    if (pending === request) pendingNavigation.delete(frame!);
    const problem = failedRequestProblem(
      {
        url: request.url(),
        resourceType: request.resourceType(),
        errorText: request.failure()?.errorText ?? 'unknown failure',
        pageGone: page.isClosed() || Boolean(frame?.isDetached()),
        navigatedAway: Boolean(
          (pending && pending !== request) || (frame && before && (navigations.get(frame) ?? 0) > before.navigation),
        ),
      },
      before?.documentUrl || page.url(),
      expectedError,
    );
    if (problem) problems.push(problem);
  });
  return page;
}

// ---- Stories told in steps ----

/** The tests of the file-level suite around `test`, in order (nested suites included). */
function storyTests(test: Mocha.Runnable): Mocha.Test[] {
  let suite = test.parent;
  while (suite?.parent && !suite.parent.root) suite = suite.parent;
  const all: Mocha.Test[] = [];
  const collect = (s: Mocha.Suite) => {
    all.push(...s.tests);
    s.suites.forEach(collect);
  };
  if (suite) collect(suite);
  return all;
}

/**
 * A step of a story that builds on what earlier steps produced. When one of `prerequisites` (by
 * name) is missing, the step fails at once, naming it and the earlier steps that failed or did not
 * run. It is not skipped: a skipped step is easy to overlook in a report that is otherwise green.
 */
export function needs(test: Mocha.Context, prerequisites: Record<string, unknown>): void {
  const missing = Object.entries(prerequisites)
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (!missing.length) return;
  const story = test.test ? storyTests(test.test) : [];
  const earlier = story.slice(0, Math.max(0, story.indexOf(test.test as Mocha.Test)));
  const titles = (tests: Mocha.Test[]) => tests.map((t) => `"${t.title}"`).join(', ');
  const failed = earlier.filter((t) => t.state === 'failed');
  const notRun = earlier.filter((t) => t.state !== 'failed' && t.state !== 'passed');
  throw new Error(
    [
      `not run: this step needs ${missing.join(', ')} from an earlier step`,
      failed.length ? `earlier steps that failed: ${titles(failed)}` : '',
      notRun.length ? `earlier steps that did not run (--grep, .only, skipped): ${titles(notRun)}` : '',
    ]
      .filter(Boolean)
      .join('; '),
  );
}

// ---- Accessibility ----

/** Fails with a readable report when axe finds serious or critical WCAG 2.1 A/AA violations. */
export async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map(
      (v) =>
        `- ${v.id} (${v.impact}): ${v.help} ${v.helpUrl}\n${v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`,
    )
    .join('\n');
  expect(serious, `axe on ${label}:\n${report}`).to.have.length(0);
}
