import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { runNode, startServer } from '../../helpers/process.ts';
import { until } from '../../helpers/wait.ts';

/** Whether something accepts a TCP connection on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(port, '127.0.0.1');
    probe.once('connect', () => (probe.destroy(), resolve(true)));
    probe.once('error', () => resolve(false));
  });
}

describe('the server process', function () {
  this.timeout(200_000);

  it('refuses to start in production without SESSION_SECRET, saying why', async () => {
    const run = await runNode('server/main.ts', [], { NODE_ENV: 'production', DATABASE_URL: 'memory://' });
    expect(run.code).to.equal(1);
    expect(run.stderr).to.contain('SESSION_SECRET è obbligatorio con NODE_ENV=production');
  });

  it('refuses a too-short SESSION_SECRET too', async () => {
    const run = await runNode('server/main.ts', [], {
      NODE_ENV: 'production',
      SESSION_SECRET: 'corto',
      DATABASE_URL: 'memory://',
    });
    expect(run.code).to.equal(1);
    expect(run.stderr).to.contain('SESSION_SECRET');
  });

  it('serves the demo home page and lets in-flight requests finish on SIGTERM', async () => {
    const { child, port, output } = await startServer({ DATABASE_URL: 'memory://' });
    try {
      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(home.status).to.equal(200);
      const html = await home.text();
      expect(html).to.contain('Comunità SPI').and.to.contain('Ultimi iscritti');

      // Start a request, and send SIGTERM while its body is still on the way. "Expect: 100-continue"
      // makes the server say when it has read the headers and handed the request to the app.
      const socket = net.connect(port, '127.0.0.1');
      await once(socket, 'connect');
      let received = '';
      socket.on('data', (d) => (received += d));
      const body = JSON.stringify({ email: 'nessuno@esempio.it', password: 'password-qualsiasi' });
      socket.write(
        `POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
      );
      await until('the server to read the headers', () => received.startsWith('HTTP/1.1 100 Continue\r\n\r\n'));
      socket.write(body.slice(0, 10));
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      // Once it refuses new connections, the server has stopped listening and closed its idle ones.
      await until('the server to refuse new connections', async () => !(await accepts(port)));
      socket.write(body.slice(10));
      await once(socket, 'end');
      const response = received.slice('HTTP/1.1 100 Continue\r\n\r\n'.length);
      expect(response).to.match(/^HTTP\/1.1 401/);
      const [code] = await exited;
      expect(code).to.equal(0);
      expect(output()).to.contain('shutting down').and.to.contain('stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  /** Resolves with the exit code and the time from now, or with 'still running' after `ms`. */
  const exitWithin = (child: ChildProcess, ms: number) => {
    const t0 = Date.now();
    return new Promise<{ code: number | null; ms: number } | 'still running'>((resolve) => {
      const timer = setTimeout(() => resolve('still running'), ms);
      child.once('exit', (code) => (clearTimeout(timer), resolve({ code, ms: Date.now() - t0 })));
    });
  };

  it('stops on SIGTERM within 10 s even when the parent that read its log is gone (broken pipe)', async () => {
    const { child, port } = await startServer({ DATABASE_URL: 'memory://', DEMO_CONTENT: 'never' });
    try {
      // Every request is logged: with nobody reading, the next lines meet a broken pipe (EPIPE).
      child.stdout!.destroy();
      child.stderr!.destroy();
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).to.equal(200);
      child.kill('SIGTERM');
      const exit = await exitWithin(child, 10_000);
      expect(exit, 'exit after SIGTERM').not.to.equal('still running');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('exits at once on a second signal while a request still holds it', async () => {
    const { child, port, output } = await startServer({ DATABASE_URL: 'memory://', DEMO_CONTENT: 'never' });
    try {
      // A request whose body never comes keeps the graceful stop waiting.
      const socket = net.connect(port, '127.0.0.1');
      await once(socket, 'connect');
      let received = '';
      socket.on('data', (d) => (received += d));
      socket.on('error', () => {});
      socket.write(
        'POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n',
      );
      await until('the server to read the headers', () => received.startsWith('HTTP/1.1 100 Continue'));
      child.kill('SIGTERM');
      await until('the server to refuse new connections', async () => !(await accepts(port)));
      expect(child.exitCode, 'still waiting for the request').to.equal(null);
      child.kill('SIGTERM');
      const exit = await exitWithin(child, 3_000);
      expect(exit, 'exit after the second SIGTERM').not.to.equal('still running');
      expect((exit as { code: number | null }).code).to.equal(1);
      await until('the last log line', () => output().includes('second signal'), 2_000);
      socket.destroy();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
