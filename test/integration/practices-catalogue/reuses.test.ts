// Reuse declarations: only on a published practice, only by another administration, with the
// practice's own component codes; one per administration, the count kept right through declare,
// update and withdrawal; the feed and the practice's people hear of it.
import { expect } from 'chai';
import request from 'supertest';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, formToken, signedInAgent } from '../../helpers/http.ts';
import { createPractice, joinOrganization, organizationOf } from '../../helpers/practices.ts';

type Row = Record<string, unknown>;

describe('practices: reuse declarations', function () {
  this.timeout(30_000);
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  const rows = (sql: string, params: unknown[] = []) => ctx.database.query<Row>(sql, params);
  const reuseCount = async (id: number) =>
    (await rows('SELECT reuse_count FROM practices WHERE id = $1', [id]))[0]!.reuse_count;
  const declarations = async () => Number((await rows('SELECT count(*)::int AS n FROM practice_reuses'))[0]!.n);

  /** A member of another administration (Comune di Prato) with an API token. */
  async function reuser(name = 'Comune di Prato') {
    const user = await createUser(ctx, { organization: name });
    return { user, token: await apiToken(ctx.app, user.email, user.password) };
  }

  it('answers 404 on a practice that is not published, and writes nothing', async () => {
    const { token } = await reuser();
    const hidden = [];
    for (const status of ['draft', 'submitted', 'validated', 'archived'] as const)
      hidden.push(await createPractice(ctx, { status }));
    for (const slug of [...hidden.map((p) => p.slug), 'non-esiste']) {
      const res = await request(ctx.app)
        .post(`/api/v1/practices/${slug}/reuses`)
        .set('Authorization', `Bearer ${token}`)
        .send({ status: 'reused', components: ['A'] })
        .expect(404);
      expect(res.body.error.code).to.equal('not_found');
    }
    // A story on them is as unknown.
    await request(ctx.app)
      .post(`/api/v1/practices/${hidden[0]!.slug}/stories`)
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'Una storia', body: 'Il racconto di come è andata da noi.' })
      .expect(404);
    await ctx.settle();
    expect(await declarations()).to.equal(0);
    expect(await rows('SELECT 1 FROM practice_stories')).to.have.length(0);
    expect(await rows(`SELECT 1 FROM activities WHERE type = 'practice.reused'`)).to.have.length(0);
    expect(await rows('SELECT 1 FROM practices WHERE reuse_count <> 0')).to.have.length(0);
  });

  it("refuses (403) a member of one of the practice's owner administrations, and one without an administration", async () => {
    const author = await createUser(ctx, { organization: 'Regione Toscana' });
    const coOwner = await createUser(ctx, { organization: 'Comune di Firenze' });
    const practice = await createPractice(ctx, {
      organization: await organizationOf(ctx, author),
      coOwners: [await organizationOf(ctx, coOwner)],
    });
    for (const user of [author, coOwner]) {
      const token = await apiToken(ctx.app, user.email, user.password);
      const res = await request(ctx.app)
        .post(`/api/v1/practices/${practice.slug}/reuses`)
        .set('Authorization', `Bearer ${token}`)
        .send({ status: 'reused' })
        .expect(403);
      expect(res.body.error.message).to.match(/titolare/);
    }
    const { user: loner, token } = await reuser();
    await joinOrganization(ctx, loner, null);
    await request(ctx.app)
      .post(`/api/v1/practices/${practice.slug}/reuses`)
      .set('Authorization', `Bearer ${token}`)
      .send({ status: 'reused' })
      .expect(403);
    await request(ctx.app).post(`/api/v1/practices/${practice.slug}/reuses`).send({ status: 'reused' }).expect(401);
    expect(await declarations()).to.equal(0);
  });

  it('refuses unknown component codes and bad fields (400, naming them), and writes nothing', async () => {
    const practice = await createPractice(ctx);
    const { token } = await reuser();
    const post = (body: object) =>
      request(ctx.app)
        .post(`/api/v1/practices/${practice.slug}/reuses`)
        .set('Authorization', `Bearer ${token}`)
        .send(body)
        .expect(400);
    const unknown = await post({ status: 'reused', components: ['A', 'Z', 'Q'] });
    expect(unknown.body.error.fields.components).to.equal('Componenti: la pratica non ha componenti con codice Z, Q.');
    const bad = await post({ status: 'forse', startedOn: '2024-02-30', outcome: 'x'.repeat(4001) });
    expect(bad.body.error.fields).to.have.keys('status', 'startedOn', 'outcome');
    const future = await post({ status: 'reusing', startedOn: '2099-01-01' });
    expect(future.body.error.fields.startedOn).to.match(/futuro/);
    expect(await declarations()).to.equal(0);
    expect(await reuseCount(practice.id)).to.equal(0);
  });

  it('keeps one declaration per administration and reuse_count right through declare, update and withdraw', async () => {
    const author = await createUser(ctx, { organization: 'Regione Toscana' });
    const practice = await createPractice(ctx, { organization: await organizationOf(ctx, author), authors: [author] });
    const prato = await reuser('Comune di Prato');
    const colleague = await createUser(ctx, { organization: 'Comune di Prato' });
    const vibo = await reuser('Comune di Vibo Valentia');
    const url = `/api/v1/practices/${practice.slug}/reuses`;

    const first = await request(ctx.app)
      .post(url)
      .set('Authorization', `Bearer ${prato.token}`)
      .send({
        status: 'reusing',
        startedOn: '2024-09-16',
        components: ['C', 'A', 'A'],
        adaptationNotes: 'Adattato ai CPI della provincia.',
      })
      .expect(201);
    expect(first.body.reuse).to.deep.include({
      status: 'reusing',
      startedOn: '2024-09-16',
      components: ['A', 'C'],
      adaptationNotes: 'Adattato ai CPI della provincia.',
      outcome: '',
    });
    expect(first.body.reuse.organization).to.deep.equal({
      slug: (await organizationOf(ctx, prato.user)).slug,
      name: 'Comune di Prato',
    });
    expect(first.body.reuse.practice).to.deep.equal({
      slug: practice.slug,
      url: `/buone-pratiche/${practice.slug}`,
      reuseCount: 1,
    });
    expect(await reuseCount(practice.id)).to.equal(1);

    // A colleague of the same administration updates the same declaration (200), the count stays.
    const colleagueToken = await apiToken(ctx.app, colleague.email, colleague.password);
    const updated = await request(ctx.app)
      .post(url)
      .set('Authorization', `Bearer ${colleagueToken}`)
      .send({ status: 'reused', components: ['B'], outcome: 'Duecento tirocini attivati.' })
      .expect(200);
    expect(updated.body.reuse).to.deep.include({ id: first.body.reuse.id, status: 'reused', components: ['B'] });
    expect(updated.body.reuse.declaredBy.id).to.equal(colleague.id);
    expect(await declarations()).to.equal(1);
    expect(await reuseCount(practice.id)).to.equal(1);

    await request(ctx.app)
      .post(url)
      .set('Authorization', `Bearer ${vibo.token}`)
      .send({ status: 'reused' })
      .expect(201);
    expect(await reuseCount(practice.id)).to.equal(2);

    // Withdrawal through the API, then through the form: the count follows, a second time is a 404.
    await request(ctx.app).delete(url).set('Authorization', `Bearer ${vibo.token}`).expect(204);
    expect(await reuseCount(practice.id)).to.equal(1);
    await request(ctx.app).delete(url).set('Authorization', `Bearer ${vibo.token}`).expect(404);
    const agent = await signedInAgent(ctx.app, prato.user.email, prato.user.password);
    const csrf = await formToken(agent, '/buone-pratiche');
    const res = await agent
      .post(`/buone-pratiche/${practice.slug}/riusi/ritira`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    expect(res.headers.location).to.equal(`/buone-pratiche/${practice.slug}#riusi`);
    expect(await reuseCount(practice.id)).to.equal(0);
    expect(await declarations()).to.equal(0);

    // The feed told the two first declarations (not the update), each by its declarer; the author was notified.
    await ctx.settle();
    const feed = await rows(
      `SELECT actor_id, object_type, object_id, object_title, object_url, audience FROM activities
        WHERE type = 'practice.reused' ORDER BY id`,
    );
    expect(feed).to.deep.equal([
      {
        actor_id: prato.user.id,
        object_type: 'practice',
        object_id: practice.id,
        object_title: practice.title,
        object_url: `/buone-pratiche/${practice.slug}`,
        audience: 'public',
      },
      {
        actor_id: vibo.user.id,
        object_type: 'practice',
        object_id: practice.id,
        object_title: practice.title,
        object_url: `/buone-pratiche/${practice.slug}`,
        audience: 'public',
      },
    ]);
    const api = await request(ctx.app).get('/api/v1/feed').expect(200);
    expect(api.body.activities.filter((a: any) => a.type === 'practice.reused')).to.have.length(2);
    const told = await rows(`SELECT user_id, kind, data FROM notifications WHERE kind = 'practice_reused' ORDER BY id`);
    expect(told.map((t) => t.user_id)).to.deep.equal([author.id, author.id]);
    expect(
      await rows(`SELECT 1 FROM notifications WHERE user_id IN ($1, $2)`, [prato.user.id, vibo.user.id]),
    ).to.have.length(0);
  });

  it('takes the form: declares with checkboxes and goes back to the practice; a refusal is a message there', async () => {
    const owner = await createUser(ctx, { organization: 'Regione Toscana' });
    const practice = await createPractice(ctx, { organization: await organizationOf(ctx, owner) });
    const { user } = await reuser();
    const agent = await signedInAgent(ctx.app, user.email, user.password);
    const csrf = await formToken(agent, '/buone-pratiche');
    const res = await agent
      .post(`/buone-pratiche/${practice.slug}/riusi`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrf)}&status=reused&components=A&components=B&startedOn=&outcome=Bene`)
      .expect(303);
    expect(res.headers.location).to.equal(`/buone-pratiche/${practice.slug}#riusi`);
    const [row] = await rows('SELECT status, components, started_on, outcome FROM practice_reuses');
    expect(row).to.deep.equal({ status: 'reused', components: ['A', 'B'], started_on: null, outcome: 'Bene' });
    // Without the CSRF token nothing happens.
    await agent.post(`/buone-pratiche/${practice.slug}/riusi`).type('form').send({ status: 'reusing' }).expect(403);

    // The owner's form post is refused with a message on the next page, nothing written.
    const ownerAgent = await signedInAgent(ctx.app, owner.email, owner.password);
    const ownerCsrf = await formToken(ownerAgent, '/buone-pratiche');
    await ownerAgent
      .post(`/buone-pratiche/${practice.slug}/riusi`)
      .type('form')
      .send({ _csrf: ownerCsrf, status: 'reused' })
      .expect(303);
    const next = await ownerAgent.get('/buone-pratiche').expect(200);
    expect(next.text).to.contain('La tua amministrazione è titolare di questa pratica');
    expect(await declarations()).to.equal(1);
    expect(await reuseCount(practice.id)).to.equal(1);
  });
});
