// The production layout on one machine: Debian's nginx, rendered from deploy/nginx/retespi.conf.template
// by deploy/render-nginx.ts, in front of two `node server/main.ts` processes sharing one PostgreSQL
// database and a Redis of the test's own. Checks what the deployment promises: live events cross
// processes through nginx (WebSocket and sticky long-polling), a rolling restart of one process loses
// no request, and a client cannot choose the address the app counts it on (X-Forwarded-For).
// nginx runs unprivileged-style: its pid, logs and temporary files in a temporary folder, `daemon off`.
import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { renderSite } from '../../../deploy/render-nginx.ts';
import { ROOT_DIR } from '../../../server/config.ts';
import { next, subscribe } from '../../helpers/live.ts';
import { cli, createOwnDatabase, missingPrerequisite, startServer } from '../../helpers/process.ts';
import { until } from '../../helpers/wait.ts';
import { freePort, redisServerInstalled, startRedisServer, stopProcess } from '../../helpers/redis-server.ts';

type App = { name: string; port: number; child: ChildProcess; output: () => string };
type Activity = { type: string; object?: { title?: string } };

/** One HTTP request from a chosen local address (127.0.0.x), on a connection of its own. */
function request(
  url: string,
  opts: { method?: string; body?: unknown; headers?: Record<string, string>; localAddress?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request(
      url,
      {
        method: opts.method ?? 'GET',
        agent: false,
        localAddress: opts.localAddress,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('latin1');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** nginx's top level for a test: everything it writes (pid, logs, buffers) under `dir`, the site included. */
const standaloneConf = (dir: string) => `${
  // Run as root (CI), nginx's workers would be "nobody", who cannot read a checkout under a private
  // temporary folder (mktemp -d is 0700): the static files would answer 403. The workers stay root.
  process.getuid?.() === 0 ? 'user root;\n' : ''
}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  include ${dir}/site.conf;
}
`;

describe('deployment: nginx in front of two app processes (deploy/)', function () {
  this.timeout(60_000);

  const run = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  const children: ChildProcess[] = [];
  let nginx: ChildProcess | undefined;
  const sockets: Socket[] = [];
  let dir = '';
  let dbUrl = '';
  let dropDatabase: (() => Promise<void>) | undefined;
  let nginxUrl = '';
  let accessLog = '';
  let env: Record<string, string> = {};
  let token = '';
  let groupSlug = '';
  const apps: Record<'A' | 'B', App> = {} as Record<'A' | 'B', App>;

  const startApp = async (name: 'A' | 'B', port: number): Promise<App> => {
    const { child, output } = await startServer({ ...env, PORT: String(port) });
    children.push(child);
    apps[name] = { name, port, child, output };
    return apps[name];
  };

  /** The access log's lines (nginx writes each when its request ends). */
  const logLines = () => readFileSync(accessLog, 'utf8').split('\n').filter(Boolean);

  before(async function () {
    this.timeout(120_000);
    // Several processes sharing one PostgreSQL server: the deployment has no PGlite form (PGlite is
    // one process's embedded database), so the PGlite pass of the suite skips this file.
    if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')) return this.skip();
    if (spawnSync('nginx', ['-v']).status !== 0)
      return missingPrerequisite(this, 'no nginx (apt-get install -y nginx; .ci/run installs it)');
    if (!redisServerInstalled()) return missingPrerequisite(this, 'no redis-server (apt-get install -y redis-server)');

    dir = mkdtempSync(path.join(os.tmpdir(), 'retespi-deploy-'));
    // nginx's workers run as an unprivileged user when the test runs as root: they write its buffers.
    chmodSync(dir, 0o755);
    for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
      mkdirSync(path.join(dir, 'tmp', t), { recursive: true });
      chmodSync(path.join(dir, 'tmp', t), 0o777);
    }
    const [redisPort, portA, portB, nginxPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    // A Redis of our own, so no other user's keys are touched.
    children.push(await startRedisServer(redisPort));

    ({ url: dbUrl, drop: dropDatabase } = await createOwnDatabase(process.env.DATABASE_URL!, 'deploy'));

    nginxUrl = `http://127.0.0.1:${nginxPort}`;
    // As in deploy/retespi.env.example: production, loopback only, nginx's address trusted.
    env = {
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      SESSION_SECRET: 'deploy-test-session-secret-0123456789',
      PUBLIC_URL: nginxUrl,
      TRUST_PROXY: '127.0.0.1',
      DATA_DIR: path.join(dir, 'data'),
      RATE_LIMIT_AUTH_MAX: '3',
      LOG_LEVEL: 'info',
    };
    // A first, alone: it migrates and imports the shipped courses; B then finds everything done.
    await startApp('A', portA);
    await startApp('B', portB);

    accessLog = path.join(dir, 'access.log');
    writeFileSync(
      path.join(dir, 'site.conf'),
      renderSite({
        serverName: '127.0.0.1',
        listen: `127.0.0.1:${nginxPort}`,
        upstreams: [`127.0.0.1:${portA}`, `127.0.0.1:${portB}`],
        appDir: ROOT_DIR,
        accessLog,
        attachmentMaxBytes: 10 * 1024 * 1024,
      }),
    );
    writeFileSync(path.join(dir, 'nginx.conf'), standaloneConf(dir));
    const check = spawnSync('nginx', ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
    expect(check.status, `nginx -t:\n${check.stderr}`).to.equal(0);
    nginx = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await until(
      'nginx answering /healthz',
      async () => (await request(`${nginxUrl}/healthz`).catch(() => ({ status: 0 }))).status === 200,
      10_000,
    );

    const created = await cli(
      [
        'user:create',
        '--email',
        'anna@deploy.test',
        '--name',
        'Anna',
        '--password',
        'password-di-prova',
        '--role',
        'animator',
      ],
      { DATABASE_URL: dbUrl },
    );
    expect(created.code, created.stderr).to.equal(0);
    const issued = await request(`${nginxUrl}/api/v1/auth/token`, {
      method: 'POST',
      body: { email: 'anna@deploy.test', password: 'password-di-prova' },
    });
    expect(issued.status, issued.body).to.equal(201);
    token = (JSON.parse(issued.body) as { token: string }).token;
    const group = await request(`${nginxUrl}/api/v1/groups`, {
      method: 'POST',
      body: { name: `Rete in produzione ${run}`, visibility: 'public' },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(group.status, group.body).to.equal(201);
    groupSlug = (JSON.parse(group.body) as { group: { slug: string } }).group.slug;
  });

  after(async function () {
    // Dropping a database makes the server checkpoint: seconds, and more beside a busy core.
    this.timeout(120_000);
    for (const s of sockets.splice(0)) s.close();
    // nginx's master stops its workers on SIGTERM; killed outright, it would leave them running.
    if (nginx) {
      const killLater = setTimeout(() => nginx?.kill('SIGKILL'), 10_000);
      await stopProcess(nginx, 'SIGTERM');
      clearTimeout(killLater);
    }
    await Promise.all(children.map((c) => stopProcess(c)));
    await dropDatabase?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the static files itself, compressed and cached, and passes the app’s security headers', async () => {
    const asset = await request(`${nginxUrl}/static/build/live.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).to.equal(200);
    expect(asset.headers['content-encoding']).to.equal('gzip');
    // `expires` is nginx's (the app's own static answers carry no Expires header).
    expect(asset.headers.expires).to.be.a('string');
    expect(asset.headers['cache-control']).to.equal('max-age=604800');
    const page = await request(`${nginxUrl}/gruppi`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.status).to.equal(200);
    expect(page.headers['content-encoding']).to.equal('gzip');
    expect(page.headers['content-security-policy'])
      .to.be.a('string')
      .and.match(/default-src 'self'/);
  });

  it('delivers a post made on one process to live clients connected through nginx to the other', async () => {
    const live = (transports: ('websocket' | 'polling')[]) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = connect(nginxUrl, { transports, forceNew: true, reconnection: false, auth: { token } });
        sockets.push(socket);
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    // The browser's client tries WebSocket, then long-polling: both work through nginx.
    const [ws, polling] = await Promise.all([live(['websocket']), live(['polling'])]);
    expect(await subscribe(ws, 'feed')).to.include({ ok: true });
    expect(await subscribe(polling, 'feed')).to.include({ ok: true });
    expect(polling.io.engine.transport.name).to.equal('polling');

    // Long-polling is sticky: every one of its requests reached the same process (ip_hash).
    const liveUpstreams = new Set(
      logLines()
        .filter((l) => l.includes('/socket.io/') && l.includes('transport=polling'))
        .map((l) => /upstream=(\S+)/.exec(l)?.[1]),
    );
    expect(liveUpstreams.size, [...liveUpstreams].join(' ')).to.equal(1);
    const liveApp = [...liveUpstreams][0] === `127.0.0.1:${apps.A.port}` ? apps.A : apps.B;
    const other = liveApp === apps.A ? apps.B : apps.A;
    expect([...liveUpstreams][0]).to.equal(`127.0.0.1:${liveApp.port}`);

    // Written directly on the other process: it delivers its own event, Redis carries it across.
    const title = `Dall'altro processo ${run}`;
    const inWs = next<Activity>(ws, 'activity', (x) => x.object?.title === title, 5000);
    const inPolling = next<Activity>(polling, 'activity', (x) => x.object?.title === title, 5000);
    const thread = await request(`http://127.0.0.1:${other.port}/api/v1/groups/${groupSlug}/threads`, {
      method: 'POST',
      body: { title, body: 'Scritto su un processo, letto sull’altro.' },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(thread.status, thread.body).to.equal(201);
    expect(await inWs).to.include({ type: 'thread.created' });
    expect(await inPolling).to.include({ type: 'thread.created' });
    for (const s of sockets.splice(0)) s.close();
  });

  it('loses no request while one process restarts (SIGTERM, then started again)', async function () {
    this.timeout(60_000);
    const failures: string[] = [];
    const phases: string[] = [];
    let sending = true;
    let sent = 0;
    /** Requests one after the other until told to stop, noting every answer that is not a 2xx. */
    const stream = async (path: string, pauseMs: number, method = 'GET') => {
      for (let i = 0; sending; i++) {
        sent++;
        const res = await request(`${nginxUrl}${path}`, {
          method,
          ...(method === 'POST'
            ? { body: { title: `Durante il riavvio ${run} ${i}`, body: 'Scritto mentre un processo si riavvia.' } }
            : {}),
          headers: { authorization: `Bearer ${token}` },
        }).catch((err: Error) => ({ status: 0, body: err.message }));
        if (res.status < 200 || res.status >= 300)
          failures.push(`${method} ${path} → ${res.status} ${res.body.slice(0, 200)}`);
        // A steady stream, not a flood: the restarting process needs the CPU too.
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    };
    // Reads, pages and writes (a POST is never repeated by nginx: it must not meet a closing connection).
    const streams = [
      stream('/healthz', 10),
      stream('/api/v1/groups', 10),
      stream('/gruppi', 10),
      stream(`/api/v1/groups/${groupSlug}/threads`, 100, 'POST'),
    ];
    const linesBefore = logLines().length;
    try {
      await until('requests flowing', () => sent > 30, 10_000);
      const a = apps.A;
      const t0 = performance.now();
      await stopProcess(a.child, 'SIGTERM');
      phases.push(`stopped in ${(performance.now() - t0).toFixed(0)} ms`);
      expect(a.child.exitCode, `A's exit code after SIGTERM:\n${a.output().slice(-2000)}`).to.equal(0);
      // Gracefully: nginx's keep-alive connections closed as their requests ended, none cut by the grace period.
      expect(a.output()).not.to.contain('in-flight requests did not finish');
      await startApp('A', a.port);
      phases.push(`listening again after ${(performance.now() - t0).toFixed(0)} ms`);
      const restarted = logLines().length;
      // Back in rotation (nginx tries a failed server again after fail_timeout, 5 s).
      await until(
        'process A answering through nginx again',
        () =>
          logLines()
            .slice(restarted)
            .some((l) => l.includes('/api/v1/groups') && l.includes(`upstream=127.0.0.1:${a.port} `)),
        20_000,
      );
      phases.push(`back in rotation after ${(performance.now() - t0).toFixed(0)} ms`);
    } finally {
      sending = false;
      await Promise.all(streams);
    }
    expect(failures, `${failures.length} of ${sent} requests failed`).to.deep.equal([]);
    // Some requests met the stopping process and were passed to the other one.
    const retried = logLines()
      .slice(linesBefore)
      .filter((l) => /upstream=\S+, /.test(l));
    console.log(
      `      rolling restart: ${sent} requests, all 2xx; ${retried.length} retried on the other process; A ${phases.join(', ')}`,
    );
  });

  it('counts a client on the address nginx saw, never on an X-Forwarded-For the client sent', async () => {
    /** Failed sign-ins (RATE_LIMIT_AUTH_MAX=3 per address and process) until a 429, from `from`. */
    const failUntilLimited = async (base: string, from: string, spoof: (i: number) => string | undefined) => {
      for (let i = 1; i <= 10; i++) {
        const forwarded = spoof(i);
        const res = await request(`${base}/api/v1/auth/token`, {
          method: 'POST',
          localAddress: from,
          body: { email: `nessuno${i}@deploy.test`, password: 'sbagliata-sbagliata' },
          headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
        });
        if (res.status === 429) return i;
        expect(res.status, res.body).to.equal(401);
      }
      return undefined;
    };
    const b = `http://127.0.0.1:${apps.B.port}`;
    // Straight to a process, not from nginx's address: the header is ignored, a new one each time
    // does not give a new bucket.
    expect(await failUntilLimited(b, '127.0.0.2', (i) => `198.51.100.${i}`)).to.equal(4);
    // Through nginx, a client's own X-Forwarded-For is replaced by its real address: limited too
    // (3 per process, the two processes taking turns).
    const limited = await failUntilLimited(nginxUrl, '127.0.0.3', (i) => `203.0.113.${i}`);
    expect(limited).to.be.a('number').and.at.most(7);
    // …and the address nginx passes on is the one the app counts: another client through the same
    // nginx has its own bucket (were nginx's own address counted, it would be limited already).
    const another = await request(`${nginxUrl}/api/v1/auth/token`, {
      method: 'POST',
      localAddress: '127.0.0.4',
      body: { email: 'qualcuno@deploy.test', password: 'sbagliata-sbagliata' },
    });
    expect(another.status, another.body).to.equal(401);
  });
  it('stops at once under keep-alive traffic: each answer after SIGTERM closes its connection', async () => {
    // What nginx's pooled connections do to a process: requests back to back on kept-alive sockets.
    const b = apps.B;
    // Like nginx's pool (keepalive_timeout), idle connections are closed by the client after a while.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2, timeout: 1000 });
    const errors: string[] = [];
    let going = true;
    const loop = async () => {
      while (going) {
        await new Promise<void>((resolve) => {
          http
            .get({ host: '127.0.0.1', port: b.port, path: '/healthz', agent }, (res) => {
              res.resume();
              res.on('end', resolve);
            })
            .on('error', (err: NodeJS.ErrnoException) => {
              // Refused once the process no longer listens: what nginx passes to the other process.
              if (err.code !== 'ECONNREFUSED') errors.push(err.code ?? err.message);
              going = false;
              resolve();
            });
        });
      }
    };
    const loops = [loop(), loop()];
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = performance.now();
      await stopProcess(b.child, 'SIGTERM');
      const ms = performance.now() - started;
      expect(b.child.exitCode, b.output().slice(-2000)).to.equal(0);
      expect(b.output()).not.to.contain('in-flight requests did not finish');
      // Well inside the 5 s grace period that would otherwise cut the connections.
      expect(ms).to.be.below(4000);
      expect(errors, 'requests cut mid-way').to.deep.equal([]);
    } finally {
      going = false;
      await Promise.all(loops);
      agent.destroy();
    }
  });
});
