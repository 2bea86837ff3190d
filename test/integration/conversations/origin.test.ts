// Where a conversation comes from: the origin other features give it (local links only, "Proponi
// un gemellaggio" for a match), and the short /messaggi addresses, which lead here without taking
// discussion posts' permalinks (/messaggi/:id).
import { expect } from 'chai';
import request from 'supertest';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { signedInAgent } from '../../helpers/http.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { startConversation } from '../../../server/features/conversations/conversations.service.ts';
import { auth, createPost, insertPractice, member } from '../exchange/helpers.ts';

type Person = Awaited<ReturnType<typeof createUser>>;

describe('private conversations: origin and addresses', () => {
  let ctx: TestContext;
  let laura: Person;
  let luca: Person;
  beforeEach(async () => {
    ctx = await testContext();
    laura = await createUser(ctx, { name: 'Laura Mannucci' });
    luca = await createUser(ctx, { name: 'Luca Di Pietro' });
  });

  it('keeps an origin given by another feature, with its local links and the twinning button', async () => {
    const { conversation } = await startConversation(ctx, toSessionUser(laura), {
      recipientIds: [luca.id],
      subject: 'Cerco e offro: accoglienza integrata',
      body: 'La vostra offerta risponde alla nostra richiesta.',
      origin: {
        kind: 'match',
        links: [
          { label: 'Cerco: accoglienza integrata', url: '/cerco-offro/12' },
          { label: 'Offro: sportello unico', url: '/cerco-offro/15' },
        ],
      },
    });
    const agent = await signedInAgent(ctx.app, luca.email, luca.password);
    const page = await agent.get(`/messaggi-privati/${conversation.id}`).expect(200);
    expect(page.text).to.contain('Nata da').and.contain('href="/cerco-offro/12"').and.contain('href="/cerco-offro/15"');
    expect(page.text).to.contain('href="/gemellaggi"').and.contain('Proponi un gemellaggio');
    // Links must stay on the site.
    for (const url of ['//evil.example/x', 'https://evil.example', '/\\evil', 'javascript:alert(1)']) {
      let status = 0;
      await startConversation(ctx, toSessionUser(laura), {
        recipientIds: [luca.id],
        subject: 'x',
        body: 'y',
        origin: { kind: 'practice', links: [{ label: 'x', url }] },
      }).catch((err: { status: number }) => (status = err.status));
      expect(status, url).to.equal(400);
    }
    // A plain conversation has neither.
    const plain = await startConversation(ctx, toSessionUser(laura), {
      recipientIds: [luca.id],
      subject: 'Semplice',
      body: 'z',
    });
    const other = await agent.get(`/messaggi-privati/${plain.conversation.id}`).expect(200);
    expect(other.text).not.to.contain('Nata da').and.not.to.contain('Proponi un gemellaggio');
  });

  it('leads the short /messaggi addresses here and leaves discussion permalinks alone', async () => {
    const agent = await signedInAgent(ctx.app, laura.email, laura.password);
    const res = await agent.get(`/messaggi/nuova?a=${luca.id}`).expect(301);
    expect(res.headers.location).to.equal(`/messaggi-privati/nuova?a=${luca.id}`);
    expect((await agent.get('/messaggi').expect(301)).headers.location).to.equal('/messaggi-privati');
    await agent.get('/messaggi/999999').expect(404);
    await request(ctx.app).get('/messaggi-privati').expect(303);
  });
});

describe('private conversations opened from a Cerco/Offro match or a practice', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('writes the origin from the references, with the writer’s read rights, and never from the request', async () => {
    const seeker = await member(ctx, 'cpi-cosenza');
    const offerer = await member(ctx, 'comune-di-firenze');
    const seek = await createPost(ctx, seeker);
    const offer = await createPost(ctx, offerer, { kind: 'offro', title: 'Offriamo accoglienza integrata over 50' });
    const practice = await insertPractice(ctx, offerer, { slug: 'servizi-integrati', title: 'Servizi integrati' });
    const draft = await insertPractice(ctx, offerer, { slug: 'bozza-riservata', title: 'Bozza riservata' }, 'draft');
    const agent = await signedInAgent(ctx.app, seeker.email, seeker.password);

    // The form the "Contatta" link opens shows what the conversation is about and carries the references.
    const form = await agent
      .get(`/messaggi-privati/nuova?a=${offerer.id}&post=${seek.id}&match=exchange:${offer.id}`)
      .expect(200);
    expect(form.text).to.contain('Nata da').and.contain(`href="/cerco-offro/${offer.id}"`);
    expect(form.text).to.contain(`name="match" value="exchange:${offer.id}"`);

    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const sent = await agent
      .post('/messaggi-privati')
      .type('form')
      .send({
        _csrf: csrf,
        recipientIds: String(offerer.id),
        subject: 'Il vostro modello di accoglienza',
        body: 'Possiamo parlarne?',
        post: String(seek.id),
        match: `exchange:${offer.id}`,
        // Ignored: the origin is written by the service from the references.
        origin: JSON.stringify({ kind: 'profile', links: [{ label: 'x', url: '/altrove' }] }),
      })
      .expect(303);
    const id = Number(/\/messaggi-privati\/(\d+)/.exec(sent.headers.location!)![1]);
    const [row] = await ctx.database.query<{ origin: unknown }>('SELECT origin FROM conversations WHERE id = $1', [id]);
    expect(row!.origin).to.deep.equal({
      kind: 'match',
      links: [
        { label: seek.title, url: `/cerco-offro/${seek.id}` },
        { label: offer.title, url: `/cerco-offro/${offer.id}` },
      ],
      twinningProposal: true,
    });
    const page = await agent.get(`/messaggi-privati/${id}`).expect(200);
    expect(page.text).to.contain('Proponi un gemellaggio');

    // Through the API, from a practice's contact person.
    const viaApi = await request(ctx.app)
      .post('/api/v1/conversations')
      .set(auth(seeker))
      .send({ recipientIds: [offerer.id], subject: 'La vostra pratica', body: 'Ci interessa.', pratica: practice.slug })
      .expect(201);
    const [fromPractice] = await ctx.database.query<{ origin: unknown }>(
      'SELECT origin FROM conversations WHERE id = $1',
      [viaApi.body.conversation.id],
    );
    expect(fromPractice!.origin).to.deep.equal({
      kind: 'practice',
      links: [{ label: 'Servizi integrati', url: '/buone-pratiche/servizi-integrati' }],
    });

    // A practice the writer may not read is a 404, and nothing is written; a malformed reference a 400.
    const before = await ctx.database.query('SELECT id FROM conversations');
    await agent.get(`/messaggi-privati/nuova?a=${offerer.id}&pratica=${draft.slug}`).expect(404);
    await request(ctx.app)
      .post('/api/v1/conversations')
      .set(auth(seeker))
      .send({ recipientIds: [offerer.id], subject: 'x', body: 'y', pratica: draft.slug })
      .expect(404);
    const bad = await request(ctx.app)
      .post('/api/v1/conversations')
      .set(auth(seeker))
      .send({ recipientIds: [offerer.id], subject: 'x', body: 'y', post: seek.id, match: 'altro:1' })
      .expect(400);
    expect(bad.body.error.fields).to.have.property('match');
    // An id past PostgreSQL's integers is a malformed reference too, not a server error.
    for (const path of [`/messaggi-privati/nuova?a=${offerer.id}&post=${seek.id}&match=exchange:9999999999`]) {
      await agent.get(path).expect(400);
    }
    await request(ctx.app)
      .post('/api/v1/conversations')
      .set(auth(seeker))
      .send({ recipientIds: [offerer.id], subject: 'x', body: 'y', post: seek.id, match: 'exchange:9999999999' })
      .expect(400);
    // Its own author may read a draft, but its title does not travel to the recipients.
    await request(ctx.app)
      .post('/api/v1/conversations')
      .set(auth(offerer))
      .send({ recipientIds: [seeker.id], subject: 'x', body: 'y', pratica: draft.slug })
      .expect(404);
    expect(await ctx.database.query('SELECT id FROM conversations')).to.have.length(before.length);
  });
});
