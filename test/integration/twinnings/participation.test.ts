import { expect } from 'chai';
import request from 'supertest';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { auth, cast, count, createTosca, type Cast } from './helpers.ts';

describe('Twinnings: participants, discussion, proposals, outcomes', function () {
  this.timeout(60_000);
  let ctx: TestContext;
  let c: Cast;

  beforeEach(async () => {
    ctx = await testContext();
    c = await cast(ctx);
  });

  const threadOf = async (slug: string) =>
    Number(
      /(\d+)$/.exec(
        (await request(ctx.app).get(`/api/v1/twinnings/${slug}`).set(auth(c.animator)).expect(200)).body.twinning
          .discussionUrl,
      )![1],
    );

  it('lets people join with a role (a real count); only participants post in the discussion, the referent role needs a side', async () => {
    const { slug } = await createTosca(ctx, c);
    const thread = await threadOf(slug);

    // Not a participant: the discussion is not even readable, and a post is refused.
    await request(ctx.app)
      .post(`/api/v1/threads/${thread}/posts`)
      .set(auth(c.outsider))
      .send({ body: 'Posso intervenire?' })
      .expect(404);
    const posts = await count(ctx, 'posts');

    // The referent role is for the twinning's administrations.
    const refused = await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/join`)
      .set(auth(c.outsider))
      .send({ role: 'referent' })
      .expect(403);
    expect(refused.body.error.message).to.match(/referente/);
    await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/join`)
      .set(auth(c.outsider))
      .send({ role: 'capo' })
      .expect(400);
    expect(await count(ctx, 'twinning_participants')).to.equal(0);
    expect(await count(ctx, 'posts')).to.equal(posts);

    const joined = await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/join`)
      .set(auth(c.outsider))
      .send({ role: 'observer' })
      .expect(200);
    expect(joined.body).to.deep.include({ participation: { role: 'observer' }, participantCount: 1 });
    await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/join`)
      .set(auth(c.vibo))
      .send({ role: 'referent' })
      .expect(200);
    await request(ctx.app)
      .post(`/api/v1/threads/${thread}/posts`)
      .set(auth(c.outsider))
      .send({ body: 'Seguiremo con interesse.' })
      .expect(201);
    const page = await request(ctx.app).get(`/gemellaggi/${slug}`).expect(200);
    expect(page.text).to.contain('2 partecipanti');

    // The referent of a receiving administration runs the twinning: a milestone, a step on.
    await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/milestones`)
      .set(auth(c.vibo))
      .send({ modelCode: 'A', title: 'Avvio della piattaforma', dueDate: '2099-01-10' })
      .expect(201);
    await request(ctx.app)
      .patch(`/api/v1/twinnings/${slug}`)
      .set(auth(c.vibo))
      .send({ status: 'in_progress' })
      .expect(200);
    // An observer does not.
    await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/models`)
      .set(auth(c.outsider))
      .send({ code: 'B', title: 'Libretto', offering: c.toscana.orgSlug, receiving: c.vibo.orgSlug })
      .expect(403);
    // Leaving: the participation and the place in the discussion go.
    await request(ctx.app).post(`/api/v1/twinnings/${slug}/leave`).set(auth(c.outsider)).expect(204);
    await request(ctx.app).post(`/api/v1/twinnings/${slug}/leave`).set(auth(c.outsider)).expect(404);
    await request(ctx.app)
      .post(`/api/v1/threads/${thread}/posts`)
      .set(auth(c.outsider))
      .send({ body: 'Ancora qui?' })
      .expect(404);
    expect(
      (await request(ctx.app).get(`/api/v1/twinnings/${slug}`).expect(200)).body.twinning.participantCount,
    ).to.equal(1);
  });

  it('records outcomes from the receiving referent at completion, each adoption a reuse of the practice; closing needs them all', async () => {
    const { slug } = await createTosca(ctx, c);
    await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/models`)
      .set(auth(c.animator))
      .send({ code: 'B', title: 'Libretto formativo', offering: c.toscana.orgSlug, receiving: c.vibo.orgSlug })
      .expect(201);
    for (const who of [c.vibo, c.toscana])
      await request(ctx.app)
        .post(`/api/v1/twinnings/${slug}/join`)
        .set(auth(who))
        .send({ role: 'referent' })
        .expect(200);
    const outcome = { modelCode: 'A', outcome: 'adopted', notes: 'Piattaforma TRIO in uso nei CPI' };
    // Not yet completed.
    await request(ctx.app).post(`/api/v1/twinnings/${slug}/outcomes`).set(auth(c.vibo)).send(outcome).expect(409);
    for (const status of ['in_progress', 'completed'])
      await request(ctx.app).patch(`/api/v1/twinnings/${slug}`).set(auth(c.animator)).send({ status }).expect(200);
    // The offering side's referent does not record the receiving side's outcome.
    await request(ctx.app).post(`/api/v1/twinnings/${slug}/outcomes`).set(auth(c.toscana)).send(outcome).expect(403);
    await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/outcomes`)
      .set(auth(c.vibo))
      .send({ modelCode: 'A', outcome: 'forse' })
      .expect(400);
    expect(await count(ctx, 'twinning_outcomes')).to.equal(0);

    await request(ctx.app).post(`/api/v1/twinnings/${slug}/outcomes`).set(auth(c.vibo)).send(outcome).expect(201);
    const reuses = await ctx.database.query<{ organization_id: number; status: string; outcome: string }>(
      'SELECT organization_id, status, outcome FROM practice_reuses',
    );
    expect(reuses).to.have.length(1);
    expect(reuses[0]).to.include({ organization_id: c.vibo.organizationId, status: 'reused' });
    expect(reuses[0]!.outcome).to.contain('modello A');
    const [practice] = await ctx.database.query<{ reuse_count: number }>('SELECT reuse_count FROM practices');
    expect(practice!.reuse_count).to.equal(1);

    // B has no outcome: closing is refused, nothing changes.
    const early = await request(ctx.app)
      .patch(`/api/v1/twinnings/${slug}`)
      .set(auth(c.vibo))
      .send({ status: 'closed' })
      .expect(409);
    expect(early.body.error.fields.status).to.contain('B');
    await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/outcomes`)
      .set(auth(c.vibo))
      .send({ outcomes: [{ modelCode: 'B', outcome: 'not_adopted', notes: 'Rinviato al 2027' }] })
      .expect(201);
    expect(await count(ctx, 'practice_reuses')).to.equal(1);
    const closed = await request(ctx.app)
      .patch(`/api/v1/twinnings/${slug}`)
      .set(auth(c.vibo))
      .send({ status: 'closed' })
      .expect(200);
    expect(closed.body.twinning.status).to.equal('closed');
    // Closed: nothing more changes.
    await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/milestones`)
      .set(auth(c.animator))
      .send({ modelCode: 'A', title: 'Dopo la chiusura', dueDate: '2099-01-01' })
      .expect(409);
  });

  it('proposes a twinning from a Cerco/Offro match, prefilled with both administrations and the practice; an animator approves it', async () => {
    const seek = await request(ctx.app)
      .post('/api/v1/exchange')
      .set(auth(c.vibo))
      .send({
        kind: 'cerco',
        title: 'Cerchiamo una piattaforma di e-learning per gli operatori',
        description: 'Per la formazione continua degli operatori dei CPI.',
        theme: 'formazione',
        region: 'Calabria',
      })
      .expect(201);
    const offer = await request(ctx.app)
      .post('/api/v1/exchange')
      .set(auth(c.toscana))
      .send({
        kind: 'offro',
        title: 'Offriamo TRIO, la nostra piattaforma di e-learning',
        description: 'Il modello TRIO per la formazione a distanza.',
        theme: 'formazione',
        region: 'Toscana',
        practiceSlug: 'trio-e-learning',
      })
      .expect(201);
    const agent = await signedInAgent(ctx.app, c.vibo.email, c.vibo.password);
    const conv = await request(ctx.app)
      .post('/api/v1/conversations')
      .set(auth(c.vibo))
      .send({
        recipientIds: [c.toscana.id],
        subject: 'TRIO in Calabria',
        body: 'Ne parliamo?',
        post: seek.body.post.id,
        match: `exchange:${offer.body.post.id}`,
      })
      .expect(201);
    const page = await agent.get(`/messaggi-privati/${conv.body.conversation.id}`).expect(200);
    const href = /href="(\/gemellaggi\/nuovo\?[^"]+)"/
      .exec(page.text)![1]!
      .replace(/&amp;/g, '&')
      .replace(/&#x3D;/g, '=');
    const form = await agent.get(href).expect(200);
    expect(form.text).to.match(new RegExp(`id="f-offering" name="offering"\\s+value="${c.toscana.orgSlug}"`));
    expect(form.text).to.match(new RegExp(`id="f-receiving" name="receiving"\\s+value="${c.vibo.orgSlug}"`));
    expect(form.text).to.match(/id="f-practices" name="practices"\s+value="trio-e-learning"/);

    expect(form.text).to.match(/id="f-title" name="title"\s+value="[^"]*TRIO, il sistema di e-learning della Toscana/);
    const sent = await agent
      .post('/gemellaggi')
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        title: 'TRIO dalla Toscana a Vibo Valentia',
        summary: 'Proposta nata dal Cerco/Offro.',
        offering: c.toscana.orgSlug!,
        receiving: c.vibo.orgSlug!,
        practices: 'trio-e-learning',
      })
      .expect(303);
    const slug = sent.headers.location!.split('/').pop()!;
    const mine = await request(ctx.app).get(`/api/v1/twinnings/${slug}`).set(auth(c.vibo)).expect(200);
    expect(mine.body.twinning).to.include({ status: 'proposed', participantCount: 1 });
    await request(ctx.app).get(`/api/v1/twinnings/${slug}`).set(auth(c.outsider)).expect(404);
    await request(ctx.app)
      .patch(`/api/v1/twinnings/${slug}`)
      .set(auth(c.animator))
      .send({ status: 'approved' })
      .expect(200);
    await request(ctx.app).get(`/api/v1/twinnings/${slug}`).set(auth(c.outsider)).expect(200);
    // The practice's page lists it.
    const practicePage = await request(ctx.app).get('/buone-pratiche/trio-e-learning').expect(200);
    expect(practicePage.text).to.contain(`/gemellaggi/${slug}`);
  });
});
