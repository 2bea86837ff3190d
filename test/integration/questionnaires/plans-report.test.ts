// Improvement plans from an administration's result (API and events), and the animators' report:
// breakdowns that hide cells under five responses, and the anonymised CSV.
import { expect } from 'chai';
import request from 'supertest';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { signedInAgent } from '../../helpers/http.ts';
import { createGroup, createUser } from '../../factories.ts';
import { domainEvents } from '../../../models/schema.ts';
import { answer, auth, fixture, member } from './helpers.ts';

describe('questionnaires: improvement plans and reports', function () {
  this.timeout(30_000);
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('drafts a plan from an administration’s weak dimensions, tracks it and shows the change after a re-take', async () => {
    await fixture(ctx);
    const cpi = await member(ctx, { organization: 'CPI di Firenze' });
    const colleague = await member(ctx, { organization: 'CPI di Firenze' });
    const outsider = await member(ctx, { organization: 'CPI di Cosenza' });
    // servizio (0·2 + 0)/3 = 0 → improve; rete 10/10 = 100 → strength
    const base = await answer(ctx, cpi, 'prova', { answers: { l1: 1, s1: 'no', n1: 10 }, submit: true }).expect(201);
    await request(ctx.app)
      .post('/api/v1/plans')
      .set(auth(outsider))
      .send({ responseId: base.body.response.id })
      .expect(404);
    const created = await request(ctx.app)
      .post('/api/v1/plans')
      .set(auth(cpi))
      .send({ responseId: base.body.response.id })
      .expect(201);
    const plan = created.body.plan;
    expect(plan.actions.map((a: { dimension: string }) => a.dimension)).to.deep.equal(['servizio']);
    // Colleagues see it, others do not.
    const listed = await request(ctx.app).get('/api/v1/plans').set(auth(colleague)).expect(200);
    expect(listed.body.plans.map((p: { id: number }) => p.id)).to.deep.equal([plan.id]);
    expect((await request(ctx.app).get('/api/v1/plans').set(auth(outsider)).expect(200)).body.plans).to.deep.equal([]);
    const action = plan.actions[0];
    await request(ctx.app)
      .patch(`/api/v1/plans/${plan.id}/actions/${action.id}`)
      .set(auth(outsider))
      .send({ status: 'done' })
      .expect(404);
    await request(ctx.app)
      .patch(`/api/v1/plans/${plan.id}/actions/${action.id}`)
      .set(auth(colleague))
      .send({ status: 'finito' })
      .expect(400);
    await request(ctx.app)
      .patch(`/api/v1/plans/${plan.id}/actions/${action.id}`)
      .set(auth(colleague))
      .send({ ownerId: outsider.id })
      .expect(400);
    const done = await request(ctx.app)
      .patch(`/api/v1/plans/${plan.id}/actions/${action.id}`)
      .set(auth(colleague))
      .send({
        status: 'done',
        ownerId: cpi.id,
        dueDate: '2027-03-31',
        indicator: 'Tempo medio DID → patto ≤ 30 giorni',
      })
      .expect(200);
    expect(done.body.action).to.include({ status: 'done', ownerId: cpi.id, dueDate: '2027-03-31' });
    expect(done.body.action.doneAt).to.be.a('string');
    const events = await ctx.database.db.select().from(domainEvents);
    expect(events.map((e) => e.type)).to.include('plan.action_done');

    // The re-take: servizio (2·1 + 1)/3 = 100.
    await answer(ctx, colleague, 'prova', { answers: { l1: 5, s1: 'parte', n1: 10 }, submit: true }).expect(201);
    const agent = await signedInAgent(ctx.app, cpi.email, cpi.password);
    const page = await agent.get(`/questionari/piani/${plan.id}`).expect(200);
    expect(page.text).to.contain('1 azioni completate su 1');
    expect(page.text).to.match(/<th scope="row">Servizio<\/th><td>0<\/td><td>83.3<\/td><td>83.3<\/td>/);
    await signedInAgent(ctx.app, outsider.email, outsider.password).then((a) =>
      a.get(`/questionari/piani/${plan.id}`).expect(404),
    );
  });

  it('reports aggregates to animators with cells under five hidden, and exports anonymised responses', async () => {
    await fixture(ctx);
    const animator = await createUser(ctx, { role: 'animator', organization: 'Formez PA' });
    for (let i = 0; i < 6; i++) {
      const m = await member(ctx, { organization: 'CPI di Firenze', region: 'Toscana' });
      await answer(ctx, m, 'prova', {
        answers: { l1: 1 + (i % 5), s1: 'si', n1: i, m1: ['a'], t1: `Segreto ${m.name}` },
        submit: true,
      }).expect(201);
    }
    for (let i = 0; i < 2; i++) {
      const m = await member(ctx, { organization: 'CPI di Cosenza', region: 'Calabria' });
      await answer(ctx, m, 'prova', { answers: { l1: 3, s1: 'no', n1: 1 }, submit: true }).expect(201);
    }
    const someone = await member(ctx, { organization: 'CPI di Teramo' });
    const agent = await signedInAgent(ctx.app, someone.email, someone.password);
    await agent.get('/questionari/prova/rapporto').expect(403);
    await agent.get('/questionari/prova/rapporto.csv').expect(403);

    const a = await signedInAgent(ctx.app, animator.email, animator.password);
    const page = await a.get('/questionari/prova/rapporto').expect(200);
    expect(page.text).to.contain('8 risposte inviate');
    expect(page.text).to.contain('CPI di Firenze').and.not.contain('CPI di Cosenza');
    expect(page.text).to.contain('1 gruppo con meno di 5 risposte (2 in tutto) non è mostrato');
    expect(page.text)
      .to.contain('Toscana')
      .and.not.match(/<th scope="row">Calabria/);

    const csv = await a
      .get('/questionari/prova/rapporto.csv')
      .expect(200)
      .expect('content-type', /text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).to.equal('risposta,mese,regione,punteggio_servizio,punteggio_rete,l1,s1,n1,m1');
    expect(lines).to.have.length(9);
    expect(csv.text).not.to.contain('Segreto').and.not.contain('CPI di').and.not.contain('Calabria');
    expect(csv.text).to.contain('Toscana');
  });

  it('asks which of one’s groups a questionnaire about a group assesses, and breaks the report down by it', async () => {
    await fixture(ctx, { subject: 'group' });
    const animator = await createUser(ctx, { role: 'animator', organization: 'Formez PA' });
    const many = await Promise.all([0, 1, 2, 3, 4].map((i) => member(ctx, { organization: `Ente ${i}` })));
    const few = await Promise.all([5, 6].map((i) => member(ctx, { organization: `Ente ${i}` })));
    const { group: big } = await createGroup(ctx, { name: 'Rete degli osservatori', members: many });
    const { group: small } = await createGroup(ctx, { name: 'Rete piccola', members: few });
    const body = { answers: { l1: 4, s1: 'no', n1: 5 }, submit: true };
    const missing = await answer(ctx, many[0]!, 'prova', body).expect(400);
    expect(missing.body.error.fields.group).to.equal('Scegli un gruppo di cui fai parte.');
    await answer(ctx, many[0]!, 'prova', { ...body, group: small.slug }).expect(400);
    for (const m of many) await answer(ctx, m, 'prova', { ...body, group: big.slug }).expect(201);
    for (const m of few) await answer(ctx, m, 'prova', { ...body, group: small.slug }).expect(201);
    const a = await signedInAgent(ctx.app, animator.email, animator.password);
    const page = await a.get('/questionari/prova/rapporto').expect(200);
    const byGroup = /<table class="table table-sm mt-3" data-breakdown="groupName">([\s\S]*?)<\/table>/.exec(
      page.text,
    )![1]!;
    expect(byGroup).to.contain('Rete degli osservatori').and.not.contain('Rete piccola');
    expect(page.text).to.contain('1 gruppo con meno di 5 risposte (2 in tutto) non è mostrato');
  });
});
