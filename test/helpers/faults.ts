// What the fault tests (test/integration/faults/) share: an app process on a PostgreSQL database of
// its own, the people and the discussion they write in, and HTTP calls that never wait forever.
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import pg from 'pg';
import { TEST_DATABASE_URL } from './context.ts';
import { csrfFrom } from './http.ts';
import { cli, createOwnDatabase, startServer } from './process.ts';
import { stopProcess } from './redis-server.ts';

/** A request that has not answered in this time is hung: the tests fail on it. */
export const HUNG_MS = 30_000;

export type Reply = {
  status: number;
  type: string;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => Record<string, unknown>;
  /** The cookies the response set, as a Cookie header. */
  cookie?: string;
};

/**
 * One HTTP call to the app on `port`: its status, content type and body; a hung call throws. Each
 * call has a connection of its own: a kept-alive one can be closed by the server just as the next
 * request goes out (a reset that would look like a crash of the app).
 */
export function call(
  port: number,
  method: string,
  path: string,
  opts: { token?: string; cookie?: string; body?: unknown; form?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  let body: string | undefined;
  if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers, agent: false, signal: AbortSignal.timeout(HUNG_MS) },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', reject);
        res.on('end', () => {
          const cookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers['content-type'] ?? '',
            headers: res.headers,
            text,
            json: () => JSON.parse(text) as Record<string, unknown>,
            ...(cookie ? { cookie } : {}),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A session cookie obtained through the real sign-in form. */
export async function signIn(port: number, email: string, password: string): Promise<string> {
  const form = await call(port, 'GET', '/accedi');
  const done = await call(port, 'POST', '/accedi', {
    cookie: form.cookie,
    form: { _csrf: csrfFrom(form.text), email, password },
  });
  if (done.status !== 303 || !done.cookie) throw new Error(`sign-in failed: ${done.status} ${done.text.slice(0, 200)}`);
  return done.cookie;
}

export const people = {
  animator: { email: 'giulia.ferri@cpi-pescara.example.it', name: 'Giulia Ferri', role: 'animator' },
  member: { email: 'marco.neri@cpi-teramo.example.it', name: 'Marco Neri', role: 'member' },
};
export const PASSWORD = 'osservatorio-2026';

export type App = Awaited<ReturnType<typeof startServer>>;

export type Stage = {
  env: Record<string, string>;
  /** The app's database name (for pg_stat_activity). */
  name: string;
  /** A connection to the app's database, for the checks (and the faults). */
  db: pg.Client;
  /** The app process started on it. */
  app: App;
  drop: () => Promise<void>;
};

/**
 * A fresh PostgreSQL database for `purpose`, an app process started on it with `env` added, and the
 * two people in it (created by the CLI while the app starts: migrations take an advisory lock).
 */
export async function stage(purpose: string, extraEnv: Record<string, string> = {}): Promise<Stage> {
  const { url, name, drop: dropDatabase } = await createOwnDatabase(TEST_DATABASE_URL, purpose);
  const env = {
    DATABASE_URL: url,
    DEMO_CONTENT: 'never',
    RATE_LIMIT_AUTH_MAX: '1000',
    RATE_LIMIT_WRITE_MAX: '100000',
    RATE_LIMIT_TOKEN_MAX: '100000',
    ...extraEnv,
  };
  const create = async (p: (typeof people)[keyof typeof people]) => {
    const run = await cli(
      ['user:create', '--email', p.email, '--name', p.name, '--password', PASSWORD, '--role', p.role],
      env,
    );
    if (run.code !== 0) throw new Error(`user:create failed: ${run.stderr}`);
  };
  const started = await Promise.allSettled([startServer(env), create(people.animator), create(people.member)]);
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    if (started[0].status === 'fulfilled') await kill(started[0].value.child);
    await dropDatabase();
    throw failed.reason;
  }
  const app = (started[0] as PromiseFulfilledResult<App>).value;
  const db = new pg.Client({ connectionString: url });
  // The faults end other connections, never this one; an error here must fail the test, not the run.
  db.on('error', () => {});
  await db.connect();
  return {
    env,
    name,
    db,
    app,
    drop: async () => {
      await db.end().catch(() => {});
      await dropDatabase();
    },
  };
}

/** Ends an app process (SIGKILL: nothing of it is under test any more) and waits for it. */
export const kill = (child: ChildProcess | undefined): Promise<void> => stopProcess(child);

/** API tokens of both people, a public group both are in and a thread the animator opened. */
export async function discussion(port: number) {
  const token = async (email: string) => {
    const res = await call(port, 'POST', '/api/v1/auth/token', { body: { email, password: PASSWORD } });
    if (res.status !== 201) throw new Error(`token: ${res.status} ${res.text}`);
    return res.json().token as string;
  };
  const animator = await token(people.animator.email);
  const member = await token(people.member.email);
  const group = await call(port, 'POST', '/api/v1/groups', {
    token: animator,
    body: { name: 'Rete degli osservatori', visibility: 'public' },
  });
  const slug = (group.json().group as { slug: string }).slug;
  if ((await call(port, 'POST', `/api/v1/groups/${slug}/join`, { token: member })).status !== 200)
    throw new Error('join failed');
  const thread = await call(port, 'POST', `/api/v1/groups/${slug}/threads`, {
    token: animator,
    body: { title: 'Cruscotto mensile delle DID', body: 'Controlliamo insieme i dati di ottobre.' },
  });
  const threadId = (thread.json().thread as { id: number }).id;
  return { animator, member, slug, threadId };
}

/** Posts the n-th reply to the thread (201 with the post when the app acknowledged it). */
export function reply(port: number, token: string, threadId: number, n: number): Promise<Reply> {
  return call(port, 'POST', `/api/v1/threads/${threadId}/posts`, {
    token,
    body: { body: `Dato ${n}: le DID di ottobre tornano con il SIL.` },
  });
}

/** The end of what an app process logged above info, less the expected (503s, lost connections). */
export const warnings = (output: string): string =>
  output
    .split('\n')
    .filter((line) => !/^\{"level":[23]0|"res":\{"status":503\}|^PostgreSQL connection lost/.test(line))
    .join('\n')
    .slice(-6000);
