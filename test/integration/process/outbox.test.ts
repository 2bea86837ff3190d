// Durable domain events: a server process is killed (SIGKILL, nothing runs on the way out) after it
// acknowledged a group, a join, a thread with a mention and a reply, and before it delivered their
// events; the process started next on the same database delivers them all. The killed process runs
// with EVENT_DISPATCH=off, so the moment "committed, not yet delivered" is certain, not hoped for.
import { expect } from 'chai';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { TEST_DATABASE_URL } from '../../helpers/context.ts';
import { cli, ownDatabaseUrl, startServer } from '../../helpers/process.ts';
import { until } from '../../helpers/wait.ts';

type Api = <T = Record<string, unknown>>(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
) => Promise<{ status: number; body: T }>;

const apiOn =
  (port: number): Api =>
  async (method, path, token, body) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as never };
  };

describe('durable events: a process killed between commit and delivery', function () {
  this.timeout(180_000);
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;

  before(async () => {
    if (TEST_DATABASE_URL.startsWith('postgres')) {
      const { url, name } = ownDatabaseUrl(TEST_DATABASE_URL, 'outbox');
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}"`);
      env = { DATABASE_URL: url };
      cleanup = async () => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      };
    } else {
      // PGlite on disk: the same files are opened again by the next process.
      const dir = await mkdtemp(path.join(tmpdir(), 'retespi-outbox-'));
      env = { DATABASE_URL: `file://${dir}` };
      cleanup = () => rm(dir, { recursive: true, force: true });
    }
    env = { ...env, DEMO_CONTENT: 'never', RATE_LIMIT_AUTH_MAX: '1000', RATE_LIMIT_WRITE_MAX: '1000' };
  });
  after(async () => cleanup?.());

  it('delivers every activity and notification of what the killed process acknowledged', async () => {
    const people = {
      animator: {
        email: 'giulia.ferri@cpi-pescara.example.it',
        name: 'Giulia Ferri',
        password: 'osservatorio-2026',
        role: 'animator',
      },
      member: {
        email: 'marco.neri@cpi-teramo.example.it',
        name: 'Marco Neri',
        password: 'osservatorio-2026',
        role: 'member',
      },
    };
    for (const p of Object.values(people)) {
      const run = await cli(
        ['user:create', '--email', p.email, '--name', p.name, '--password', p.password, '--role', p.role],
        env,
      );
      expect(run.code, run.stderr).to.equal(0);
    }

    const first = await startServer({ ...env, EVENT_DISPATCH: 'off' });
    const api = apiOn(first.port);
    const token = async (p: { email: string; password: string }) =>
      (await api<{ token: string }>('POST', '/auth/token', undefined, p)).body.token;
    const [animator, member] = [await token(people.animator), await token(people.member)];
    const handle = (await api<{ user: { handle: string } }>('GET', '/me', member)).body.user.handle;

    const group = await api<{ group: { slug: string } }>('POST', '/groups', animator, {
      name: 'Rete degli osservatori',
      visibility: 'public',
    });
    expect(group.status).to.equal(201);
    const slug = group.body.group.slug;
    expect((await api('POST', `/groups/${slug}/join`, member)).status).to.equal(200);
    const thread = await api<{ thread: { id: number } }>('POST', `/groups/${slug}/threads`, animator, {
      title: 'Cruscotto mensile delle DID',
      body: `@${handle} puoi controllare i dati di ottobre prima della pubblicazione?`,
    });
    expect(thread.status).to.equal(201);
    const reply = await api('POST', `/threads/${thread.body.thread.id}/posts`, member, {
      body: 'Fatto: i dati tornano con il SIL.',
    });
    expect(reply.status).to.equal(201);

    // Acknowledged and not delivered: no activity in the feed, no notification yet.
    expect((await api<{ activities: unknown[] }>('GET', '/feed', member)).body.activities).to.deep.equal([]);
    expect((await api<{ total: number }>('GET', '/notifications', member)).body.total).to.equal(0);
    const killed = once(first.child, 'exit');
    first.child.kill('SIGKILL');
    await killed;

    const second = await startServer(env);
    try {
      const again = apiOn(second.port);
      // (The courses and questionnaires shipped in courses/ and questionnaires/ are imported on a
      // first start, and published: not these.)
      const feedTypes = async () =>
        (await again<{ activities: { type: string }[] }>('GET', '/feed', member)).body.activities
          .map((a) => a.type)
          .filter((t) => t !== 'course.published' && t !== 'questionnaire.published');
      await until('the restarted process to deliver the events', async () => (await feedTypes()).length >= 7, 30_000);
      expect((await feedTypes()).sort()).to.deep.equal(
        [
          'group.created',
          'member.joined',
          'member.joined',
          'post.created',
          'thread.created',
          'user.registered',
          'user.registered',
        ].sort(),
      );
      const kinds = async (t: string) =>
        (await again<{ notifications: { kind: string }[] }>('GET', '/notifications', t)).body.notifications.map(
          (n) => n.kind,
        );
      expect(await kinds(member)).to.deep.equal(['mention']);
      expect(await kinds(animator)).to.deep.equal(['thread_reply']);
    } finally {
      const stopped = once(second.child, 'exit');
      second.child.kill('SIGTERM');
      await stopped;
    }
  });
});
