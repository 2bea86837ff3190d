// What a request costs in SQL statements, as the X-SQL-Statements header reports it (core/http.ts
// countStatements): the counter sees every statement, and a signed-in page pays two for who is
// asking — the session, then the person with the header's counts — not one per header badge.
import { expect } from 'chai';
import request from 'supertest';
import { STATEMENTS_HEADER } from '../../../server/core/http.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { startConversation } from '../../../server/features/conversations/conversations.service.ts';
import { createGroup, createReply, createThread, createUser, PASSWORD } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { signedInAgent, type Agent } from '../../helpers/http.ts';

async function statements(agent: Agent | ReturnType<typeof request>, url: string): Promise<number> {
  const res = await agent.get(url).expect(200);
  const header = res.headers[STATEMENTS_HEADER];
  expect(header, `${url} has no ${STATEMENTS_HEADER} header`).to.be.a('string');
  return Number(header);
}

describe('SQL statements per request', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('counts each statement a request issues', async () => {
    expect(await statements(request(ctx.app), '/healthz')).to.equal(1);
  });

  it('reads the session, then the person with the header counts: two statements more than anonymous', async () => {
    const user = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, user.email, PASSWORD);
    // Pages whose own queries do not depend on who reads them.
    for (const url of ['/notizie', '/eventi']) {
      const anonymous = await statements(request(ctx.app), url);
      await statements(agent, url);
      expect(await statements(agent, url), url).to.equal(anonymous + 2);
    }
  });

  it('shows the header counts read with the person: unread notifications and messages', async () => {
    const reader = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, reader.email, PASSWORD);
    const before = (await agent.get('/notizie').expect(200)).text;
    expect(before).to.contain('data-unread-messages-count hidden>0<').and.contain('data-unread-count hidden>0<');
    const writer = await createUser(ctx);
    await startConversation(ctx, toSessionUser(writer), { recipientIds: [reader.id], subject: 'Prova', body: 'Ciao.' });
    // A reply to the reader's discussion notifies them.
    const { group } = await createGroup(ctx, { members: [reader, writer] });
    const { thread } = await createThread(ctx, reader, group);
    await createReply(ctx, writer, thread);
    await ctx.settle();
    const after = (await agent.get('/notizie').expect(200)).text;
    expect(after).to.contain('data-unread-messages-count>1<').and.contain('data-unread-count>1<');
  });

  it('extends a session at most once an hour, and then without asking the database twice', async () => {
    const user = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, user.email, PASSWORD);
    const expiry = async () =>
      (
        await ctx.database.query<{ at: Date }>('SELECT expires_at AS at FROM sessions WHERE user_id = $1', [user.id])
      )[0]!.at.getTime();
    // The first page after signing in stores the session's form token (a write, as it should be).
    await statements(agent, '/notizie');
    const first = await expiry();
    await statements(agent, '/notizie');
    expect(await expiry()).to.equal(first);
    // Two hours older: the next request moves it forward.
    await ctx.database.query(`UPDATE sessions SET expires_at = expires_at - interval '2 hours' WHERE user_id = $1`, [
      user.id,
    ]);
    const aged = await expiry();
    await statements(agent, '/notizie');
    expect(await expiry()).to.be.greaterThan(aged + 60 * 60 * 1000);
  });
});
