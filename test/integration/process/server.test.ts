import { expect } from 'chai';
import { once } from 'node:events';
import net from 'node:net';
import { runNode, startServer } from '../../helpers/process.ts';

/** Whether something accepts a TCP connection on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(port, '127.0.0.1');
    probe.once('connect', () => (probe.destroy(), resolve(true)));
    probe.once('error', () => resolve(false));
  });
}

/** Polls `check` every 20 ms until it holds; fails after `ms`. */
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the server process', function () {
  this.timeout(90_000);

  it('refuses to start in production without SESSION_SECRET, saying why', async () => {
    const run = await runNode('server/main.ts', [], { NODE_ENV: 'production', DATABASE_URL: 'memory://' });
    expect(run.code).to.equal(1);
    expect(run.stderr).to.contain('SESSION_SECRET è obbligatorio con NODE_ENV=production');
  });

  it('refuses a too-short SESSION_SECRET too', async () => {
    const run = await runNode('server/main.ts', [], { NODE_ENV: 'production', SESSION_SECRET: 'corto', DATABASE_URL: 'memory://' });
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
});
