// The signed-in thread page weighs at most 1.5× the anonymous one: every post's buttons submit one
// shared form (the form token written once, not in each post), and they still work without script.
import { expect } from 'chai';
import request from 'supertest';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { react } from '../../../server/features/discussions/discussions.service.ts';
import { createGroup, createReply, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';

// About 400 characters, the length of the regional-scale data set's posts (bench/seed.ts).
const BODY =
  'Nel nostro CPI abbiamo avviato il percorso di accoglienza con la profilazione qualitativa e i colloqui ' +
  'di orientamento: dopo sei mesi i risultati sono incoraggianti, soprattutto per i giovani NEET. ' +
  'Abbiamo coinvolto tre operatori e il referente del servizio sociale del Comune; le schede di ' +
  'profilazione sono condivise con gli enti di formazione accreditati. Chi vuole il modello lo trova allegato.';

describe('Thread page weight', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('signed in, a 100-reply thread page (50 posts) is at most 1.5 times the anonymous one', async () => {
    const members = [];
    for (let i = 0; i < 5; i++) members.push(await createUser(ctx));
    const { group, owner } = await createGroup(ctx, { members });
    const { thread } = await createThread(ctx, owner, group);
    for (let i = 0; i < 100; i++) {
      const post = await createReply(ctx, members[i % 5]!, thread, BODY);
      if (i % 3 === 0) await react(ctx, toSessionUser(members[(i + 1) % 5]!), post.id, { kind: 'utile' }, true);
    }
    const anonymous = (await request(ctx.app).get(`/discussioni/${thread.id}`).expect(200)).text;
    const agent = await signedInAgent(ctx.app, members[0]!.email, members[0]!.password);
    const signedIn = (await agent.get(`/discussioni/${thread.id}`).expect(200)).text;
    expect(signedIn.match(/<article /g)).to.have.length(50);
    // The member's controls are there: a reply link and both reaction buttons on every post.
    expect(signedIn.match(/name="reaction"/g)).to.have.length(100);
    expect(signedIn.match(/rispondi=\d+#rispondi/g)).to.have.length(50);
    // One form token on the page for all of them (plus sign-out, follow and the reply form).
    const token = csrfFrom(signedIn);
    expect(signedIn.split(token).length - 1).to.be.at.most(5);
    const ratio = Buffer.byteLength(signedIn) / Buffer.byteLength(anonymous);
    expect(ratio, `signed in ${signedIn.length} B, anonymous ${anonymous.length} B`).to.be.at.most(1.5);
  });

  it('reacts, takes a reaction back and deletes through the shared form, without script', async () => {
    const member = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [member] });
    const { thread } = await createThread(ctx, owner, group);
    const reply = await createReply(ctx, member, thread, 'Da togliere');
    const agent = await signedInAgent(ctx.app, member.email, member.password);
    const page = (await agent.get(`/discussioni/${thread.id}`).expect(200)).text;
    // The buttons name the shared form, which carries the token.
    expect(page).to.match(new RegExp(`<form id="azioni" method="post" action="/discussioni/${thread.id}/reazioni"`));
    expect(page).to.contain(`name="reaction" value="${reply.id}:utile"`);
    const csrf = csrfFrom(page);
    const send = (reaction: string) =>
      agent.post(`/discussioni/${thread.id}/reazioni`).type('form').send({ _csrf: csrf, reaction });
    const count = async () =>
      (
        await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM reactions WHERE post_id = $1', [
          reply.id,
        ])
      )[0]!.n;

    const ok = await send(`${reply.id}:grazie`).expect(303);
    expect(ok.headers.location).to.equal(`/messaggi/${reply.id}`);
    expect(await count()).to.equal(1);
    const after = (await agent.get(`/discussioni/${thread.id}`).expect(200)).text;
    expect(after).to.contain(`value="${reply.id}:grazie:off"`);
    await send(`${reply.id}:grazie:off`).expect(303);
    expect(await count()).to.equal(0);

    // Bad values: a clear refusal, nothing recorded.
    expect((await send(`${reply.id}:applauso`).expect(400)).text).to.contain('Alcuni dati non sono validi');
    await send('niente').expect(404);
    await agent
      .post(`/discussioni/${thread.id}/reazioni`)
      .type('form')
      .send({ reaction: `${reply.id}:utile` })
      .expect(403);
    expect(await count()).to.equal(0);

    // "Elimina" is a button of the same form with its own action.
    expect(after).to.contain(`formaction="/messaggi/${reply.id}/elimina"`);
    await agent.post(`/messaggi/${reply.id}/elimina`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await agent.get(`/discussioni/${thread.id}`).expect(200)).text).not.to.contain('Da togliere');
  });
});
