import { expect } from 'chai';
import request from 'supertest';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { auth, cast, count, createTosca, tosca, type Cast } from './helpers.ts';

describe('Twinnings: creation, status machine, progress', function () {
  this.timeout(60_000);
  let ctx: TestContext;
  let c: Cast;

  beforeEach(async () => {
    ctx = await testContext();
    c = await cast(ctx);
  });

  it('creates an approved twinning for an animator, with its sides, practice, discussion space and 0 participants', async () => {
    const res = await request(ctx.app).post('/api/v1/twinnings').set(auth(c.animator)).send(tosca(c)).expect(201);
    const t = res.body.twinning;
    expect(t).to.include({ status: 'approved', participantCount: 0 });
    expect(t.offering.map((o: { slug: string }) => o.slug)).to.deep.equal([c.toscana.orgSlug]);
    expect(t.receiving.map((o: { slug: string }) => o.slug)).to.deep.equal([c.vibo.orgSlug]);
    expect(t.practices.map((p: { slug: string }) => p.slug)).to.deep.equal(['trio-e-learning']);
    expect(t.discussionUrl).to.match(/^\/discussioni\/\d+$/);
    const [group] = await ctx.database.query<{ visibility: string }>(
      'SELECT g.visibility FROM groups g JOIN twinnings t ON t.group_id = g.id',
    );
    expect(group!.visibility).to.equal('private');
    const page = await request(ctx.app).get(`/gemellaggi/${t.slug}`).expect(200);
    expect(page.text).to.contain('0 partecipanti').and.to.contain('Tos.Ca.');
    const list = await request(ctx.app).get('/gemellaggi').expect(200);
    expect(list.text).to.contain(`/gemellaggi/${t.slug}`);
    await ctx.settle();
    const feed = await ctx.database.query<{ audience: string }>(
      `SELECT audience FROM activities WHERE type = 'twinning.created'`,
    );
    expect(feed).to.deep.equal([{ audience: 'public' }]);
  });

  it('refuses the same administration on both sides, an unknown one, and a bad body, changing nothing', async () => {
    const same = await request(ctx.app)
      .post('/api/v1/twinnings')
      .set(auth(c.animator))
      .send(tosca(c, { receiving: [c.toscana.orgSlug] }))
      .expect(400);
    expect(same.body.error.code).to.equal('validation');
    expect(same.body.error.fields.receiving).to.match(/sia offerente sia destinataria/);
    await request(ctx.app)
      .post('/api/v1/twinnings')
      .set(auth(c.animator))
      .send(tosca(c, { offering: ['ente-che-non-esiste'] }))
      .expect(400);
    await request(ctx.app).post('/api/v1/twinnings').set(auth(c.animator)).send({ title: '' }).expect(400);
    expect(await count(ctx, 'twinnings')).to.equal(0);
    expect(await count(ctx, 'groups')).to.equal(0);
  });

  it('moves one status at a time: a proposal cannot jump to completed, members cannot approve, animators can', async () => {
    const res = await request(ctx.app).post('/api/v1/twinnings').set(auth(c.vibo)).send(tosca(c)).expect(201);
    const slug = res.body.twinning.slug;
    expect(res.body.twinning.status).to.equal('proposed');
    // A proposal is seen by its proposer and the animators, by no one else.
    await request(ctx.app).get(`/api/v1/twinnings/${slug}`).expect(404);
    await request(ctx.app).get(`/api/v1/twinnings/${slug}`).set(auth(c.outsider)).expect(404);
    expect((await request(ctx.app).get('/api/v1/twinnings').expect(200)).body.total).to.equal(0);

    const jump = await request(ctx.app)
      .patch(`/api/v1/twinnings/${slug}`)
      .set(auth(c.animator))
      .send({ status: 'completed' })
      .expect(409);
    expect(jump.body.error.fields.status).to.match(/uno stato alla volta/);
    await request(ctx.app)
      .patch(`/api/v1/twinnings/${slug}`)
      .set(auth(c.vibo))
      .send({ status: 'approved' })
      .expect(403);
    const [still] = await ctx.database.query<{ status: string }>('SELECT status FROM twinnings');
    expect(still!.status).to.equal('proposed');

    for (const status of ['approved', 'in_progress', 'completed'])
      expect(
        (await request(ctx.app).patch(`/api/v1/twinnings/${slug}`).set(auth(c.animator)).send({ status }).expect(200))
          .body.twinning.status,
      ).to.equal(status);
    // Backwards is no step either.
    await request(ctx.app)
      .patch(`/api/v1/twinnings/${slug}`)
      .set(auth(c.animator))
      .send({ status: 'approved' })
      .expect(409);
    await ctx.settle();
    const types = await ctx.database.query<{ type: string }>(
      `SELECT type FROM activities WHERE type LIKE 'twinning.%' AND audience = 'public' ORDER BY id`,
    );
    expect(types.map((r) => r.type)).to.deep.equal([
      'twinning.approved',
      'twinning.status_changed',
      'twinning.status_changed',
    ]);
  });

  it('computes progress per model and overall, late milestones included, and refuses a milestone due before the start', async () => {
    const { slug } = await createTosca(ctx, c);
    await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/models`)
      .set(auth(c.animator))
      .send({ code: 'B', title: 'Libretto formativo', offering: c.toscana.orgSlug, receiving: c.vibo.orgSlug })
      .expect(201);
    const add = async (modelCode: string, title: string, dueDate: string) =>
      (
        await request(ctx.app)
          .post(`/api/v1/twinnings/${slug}/milestones`)
          .set(auth(c.animator))
          .send({ modelCode, title, dueDate })
          .expect(201)
      ).body.milestone as { id: number; state: string };
    const a1 = await add('A', 'Analisi dei fabbisogni', '2026-02-01');
    await add('A', 'Piattaforma attiva', '2099-03-01');
    const b1 = await add('B', 'Formazione degli operatori', '2099-04-01');
    await add('B', 'Primi libretti rilasciati', '2099-05-01');
    expect(a1.state).to.equal('late');

    const before = await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/milestones`)
      .set(auth(c.animator))
      .send({ modelCode: 'A', title: 'Troppo presto', dueDate: '2026-01-01' })
      .expect(400);
    expect(before.body.error.fields.dueDate).to.match(/prima dell'inizio/);
    expect(await count(ctx, 'twinning_milestones')).to.equal(4);

    await request(ctx.app)
      .patch(`/api/v1/twinnings/${slug}/milestones/${a1.id}`)
      .set(auth(c.animator))
      .send({ status: 'done', evidence: 'Report di analisi' })
      .expect(200);
    const done = await request(ctx.app)
      .patch(`/api/v1/twinnings/${slug}/milestones/${b1.id}`)
      .set(auth(c.animator))
      .send({ status: 'done' })
      .expect(200);
    expect(done.body.milestone).to.include({ state: 'done', status: 'done' });
    await request(ctx.app)
      .patch(`/api/v1/twinnings/${slug}/milestones/${b1.id}`)
      .set(auth(c.animator))
      .send({ status: 'late' })
      .expect(400);

    const models = (await request(ctx.app).get(`/api/v1/twinnings/${slug}/models`).expect(200)).body;
    expect(models.progress).to.deep.equal({ done: 2, total: 4, percent: 50 });
    expect(models.models.map((m: { code: string; progress: unknown }) => [m.code, m.progress])).to.deep.equal([
      ['A', { done: 1, total: 2, percent: 50 }],
      ['B', { done: 1, total: 2, percent: 50 }],
    ]);
    await ctx.settle();
    expect(await count(ctx, `activities WHERE type = 'twinning.milestone'`)).to.equal(2);
  });
});
