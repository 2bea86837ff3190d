// One scripted member's HTTP side: a cookie jar and CSRF token (browser members) or a bearer token
// (API members), and every request timed and recorded under the action it belongs to.
import { performance } from 'node:perf_hooks';

export type Sample = { action: string; status: number; ms: number; app: number; at: number };

/** Every request of the run, in the order they finished. */
export class Recorder {
  readonly samples: Sample[] = [];
  /** Requests that never got an answer (connection refused or reset, timeout), with what happened. */
  readonly failures: { action: string; app: number; error: string }[] = [];
  /** Non-2xx answers, the first few of each action kept with their body for the report. */
  readonly refusals: { action: string; status: number; body: string }[] = [];
}

const REQUEST_TIMEOUT_MS = 60_000;

export class Client {
  private cookies = new Map<string, string>();
  csrf: string | undefined;
  token: string | undefined;

  private readonly apps: string[];
  private readonly recorder: Recorder;

  constructor(apps: string[], recorder: Recorder) {
    this.apps = apps;
    this.recorder = recorder;
  }

  /** A process picked at random for each request: a member's requests are spread over both. */
  private pick(): number {
    return Math.floor(Math.random() * this.apps.length);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /**
   * Sends one request and records it under `action`; resolves with the status and the body (JSON
   * parsed when it is JSON), or with status 0 when no answer came.
   */
  async request(
    action: string,
    method: string,
    route: string,
    opts: { json?: unknown; form?: Record<string, string>; app?: number } = {},
  ): Promise<{ status: number; body: unknown; text: string; location?: string }> {
    const app = opts.app ?? this.pick();
    const headers: Record<string, string> = { accept: route.startsWith('/api/') ? 'application/json' : 'text/html' };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (this.token && route.startsWith('/api/')) headers.authorization = `Bearer ${this.token}`;
    if (this.csrf && method !== 'GET' && !this.token) headers['x-csrf-token'] = this.csrf;
    let body: string | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(opts.form).toString();
    }
    const t0 = performance.now();
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${this.apps[app]}${route}`, {
        method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      text = await res.text();
    } catch (err) {
      const cause = (err as Error & { cause?: Error }).cause?.message;
      this.recorder.failures.push({ action, app, error: `${(err as Error).message}${cause ? `: ${cause}` : ''}` });
      return { status: 0, body: undefined, text: '' };
    }
    const ms = performance.now() - t0;
    this.recorder.samples.push({ action, status: res.status, ms, app, at: t0 });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      if (eq > 0) this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    if (res.status >= 400 && this.recorder.refusals.filter((r) => r.action === action).length < 3)
      this.recorder.refusals.push({ action, status: res.status, body: text.slice(0, 300) });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (csrf) this.csrf = csrf;
    let parsed: unknown;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    return { status: res.status, body: parsed, text, location: res.headers.get('location') ?? undefined };
  }
}
