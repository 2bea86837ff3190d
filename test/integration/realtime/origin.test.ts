// A browser's session cookie opens a live connection only from the site's own pages: a page on
// another origin (a sibling subdomain gets the cookie too) is refused. Clients that authenticate
// with a personal token and send no Origin (API clients, scripts) are unaffected.
import { expect } from 'chai';
import { io as connect, type Socket } from 'socket.io-client';
import type http from 'node:http';
import { isOwnOrigin } from '../../../server/realtime/io.ts';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, signedInAgent } from '../../helpers/http.ts';
import { startLive, subscribe, type Live } from '../../helpers/live.ts';

const PUBLIC_URL = 'http://rete.esempio.it:8080';

/** Like helpers/live.ts `client`, with any handshake headers (Origin among them). */
function client(url: string, auth: { token?: string; headers: Record<string, string> }): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: auth.headers,
      ...(auth.token ? { auth: { token: auth.token } } : {}),
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

describe('live connections and the Origin header', () => {
  let ctx: TestContext;
  let live: Live;
  const sockets: Socket[] = [];
  beforeEach(async () => {
    ctx = await testContext({ PUBLIC_URL });
    live = await startLive(ctx);
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await live.close();
  });

  const sessionCookie = async () => {
    const user = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, user.email, user.password);
    const cookie = agent.jar.getCookie('retespi.sid', {
      domain: '127.0.0.1',
      path: '/',
      secure: false,
      script: false,
    })!;
    return { user, cookie: `retespi.sid=${cookie.value}` };
  };
  /** Connects with extra headers; resolves to the socket or to the refusal's message. */
  const attempt = async (auth: { token?: string; headers: Record<string, string> }): Promise<Socket | string> => {
    try {
      const socket = await client(live.url, auth);
      sockets.push(socket);
      return socket;
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('refuses a session cookie sent from another origin', async () => {
    const { cookie } = await sessionCookie();
    for (const origin of [
      'https://altro.esempio.it',
      'http://rete.esempio.it.evil.example',
      'null',
      'https://rete.esempio.it:8080',
    ]) {
      expect(await attempt({ headers: { cookie, origin } }), origin).to.equal('forbidden_origin');
    }
  });

  it('accepts a session cookie from the site’s own origin (PUBLIC_URL, or the host asked), or with no Origin', async () => {
    const { cookie } = await sessionCookie();
    const cases: Record<string, string>[] = [{ cookie, origin: PUBLIC_URL }, { cookie, origin: live.url }, { cookie }];
    for (const headers of cases) {
      const socket = await attempt({ headers });
      expect(socket, JSON.stringify(headers.origin)).to.be.an('object');
      expect(await subscribe(socket as Socket, 'feed')).to.include({ ok: true });
    }
  });

  it('on an https site, takes only https origins for its own', () => {
    const req = (origin: string | undefined, host = 'rete.esempio.it') =>
      ({ headers: { host, ...(origin ? { origin } : {}) } }) as http.IncomingMessage;
    const site = 'https://rete.esempio.it';
    expect(isOwnOrigin(req('https://rete.esempio.it'), site, true)).to.equal(true);
    expect(
      isOwnOrigin(req('https://rete.esempio.it', 'interno:3000'), site, true),
      'behind a proxy that rewrites Host',
    ).to.equal(true);
    expect(isOwnOrigin(req('http://rete.esempio.it'), site, true), 'plain http page of the same host').to.equal(false);
    expect(isOwnOrigin(req('https://altro.esempio.it'), site, true)).to.equal(false);
    expect(isOwnOrigin(req(undefined), site, true)).to.equal(true);
  });

  it('still serves token clients that send no Origin', async () => {
    const user = await createUser(ctx);
    const token = await apiToken(ctx.app, user.email, user.password);
    const socket = await attempt({ token, headers: {} });
    expect(socket).to.be.an('object');
    expect(await subscribe(socket as Socket, 'feed')).to.include({ ok: true });
  });
});
