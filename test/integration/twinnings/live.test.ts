import { expect } from 'chai';
import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { client, next, startLive, subscribe, type Live } from '../../helpers/live.ts';
import { auth, cast, tosca, type Cast } from './helpers.ts';

describe('Twinnings: the twinning:<slug> live room', function () {
  this.timeout(60_000);
  let ctx: TestContext;
  let live: Live;
  let c: Cast;
  const sockets: Socket[] = [];

  beforeEach(async () => {
    ctx = await testContext();
    live = await startLive(ctx);
    c = await cast(ctx);
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await live.close();
  });
  const connect = async (p: { token: string }) => {
    const socket = await client(live.url, { token: p.token });
    sockets.push(socket);
    return socket;
  };

  it('refuses a proposal’s room to others, opens it once approved, and pushes its status changes', async () => {
    const res = await request(ctx.app).post('/api/v1/twinnings').set(auth(c.vibo)).send(tosca(c)).expect(201);
    const slug = res.body.twinning.slug as string;
    const outsider = await connect(c.outsider);
    expect(await subscribe(outsider, `twinning:${slug}`)).to.deep.equal({ ok: false, error: 'not_found' });
    expect(await subscribe(await connect(c.vibo), `twinning:${slug}`)).to.include({ ok: true });

    await request(ctx.app)
      .patch(`/api/v1/twinnings/${slug}`)
      .set(auth(c.animator))
      .send({ status: 'approved' })
      .expect(200);
    expect(await subscribe(outsider, `twinning:${slug}`)).to.include({ ok: true });
    const pushed = next<{ type: string; room: string }>(
      outsider,
      'activity',
      (a) => a.type === 'twinning.status_changed',
    );
    await request(ctx.app)
      .patch(`/api/v1/twinnings/${slug}`)
      .set(auth(c.animator))
      .send({ status: 'in_progress' })
      .expect(200);
    expect((await pushed).room).to.equal(`twinning:${slug}`);
  });
});
