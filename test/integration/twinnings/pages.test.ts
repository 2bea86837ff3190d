import { expect } from 'chai';
import request from 'supertest';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { auth, cast, createTosca, person, type Cast } from './helpers.ts';

describe('Twinnings: forms and meetings', function () {
  this.timeout(60_000);
  let ctx: TestContext;
  let c: Cast;

  beforeEach(async () => {
    ctx = await testContext();
    c = await cast(ctx);
  });

  it('edits a twinning with one text of objectives per receiving administration, and re-shows a refused form', async () => {
    const calabria = await person(ctx, 'Regione Calabria');
    const { slug } = await createTosca(ctx, c, {
      receiving: [calabria.orgSlug, c.vibo.orgSlug],
      objectives: { [calabria.orgSlug!]: 'Programmazione regionale', [c.vibo.orgSlug!]: 'Servizi integrati' },
    });
    const agent = await signedInAgent(ctx.app, c.animator.email, c.animator.password);
    const form = await agent.get(`/gemellaggi/${slug}/modifica`).expect(200);
    expect(form.text).to.contain(`name="objectives__${calabria.orgSlug}"`).and.contain('Programmazione regionale');
    const body = {
      _csrf: csrfFrom(form.text),
      title: 'Tos.Ca. – Valorizzare le competenze dei cittadini',
      summary: 'Sintesi aggiornata.',
      offering: c.toscana.orgSlug!,
      receiving: `${calabria.orgSlug}, ${c.vibo.orgSlug}`,
      practices: 'trio-e-learning',
      startsOn: '2026-01-15',
      [`objectives__${calabria.orgSlug}`]: 'Programmazione regionale e standard professionali',
      [`objectives__${c.vibo.orgSlug}`]: 'Servizi integrati',
    };
    // The end before the start: the form comes back with the message and what was typed.
    const refused = await agent
      .post(`/gemellaggi/${slug}/modifica`)
      .type('form')
      .send({ ...body, endsOn: '2025-12-31' })
      .expect(400);
    expect(refused.text).to.contain('La fine non può precedere l').and.contain('Sintesi aggiornata.');
    await agent.post(`/gemellaggi/${slug}/modifica`).type('form').send(body).expect(303);
    const t = (await request(ctx.app).get(`/api/v1/twinnings/${slug}`).expect(200)).body.twinning;
    expect(t.summary).to.equal('Sintesi aggiornata.');
    expect(t.receiving.map((r: { objectives: string }) => r.objectives)).to.deep.equal([
      'Programmazione regionale e standard professionali',
      'Servizi integrati',
    ]);
    // A member who does not run it gets no form.
    const other = await signedInAgent(ctx.app, c.outsider.email, c.outsider.password);
    await other.get(`/gemellaggi/${slug}/modifica`).expect(403);
  });

  it('schedules a meeting as an event of its discussion space, seen by participants only', async () => {
    const { slug } = await createTosca(ctx, c);
    await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/join`)
      .set(auth(c.vibo))
      .send({ role: 'referent' })
      .expect(200);
    const agent = await signedInAgent(ctx.app, c.animator.email, c.animator.password);
    const page = await agent.get(`/gemellaggi/${slug}`).expect(200);
    const start = new Date(Date.now() + 7 * 86_400_000);
    const local = (d: Date) => d.toISOString().slice(0, 16);
    await agent
      .post(`/gemellaggi/${slug}/incontri`)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        title: 'Diretta: avvio del modello A',
        startsAt: local(start),
        endsAt: local(new Date(start.getTime() + 2 * 3_600_000)),
        streamingUrl: 'https://streaming.example.org/tos-ca/a',
      })
      .expect(303);
    const [event] = await ctx.database.query<{ twinning_id: number; group_id: number; kind: string }>(
      'SELECT twinning_id, group_id, kind FROM calendar_events',
    );
    const [tw] = await ctx.database.query<{ id: number; group_id: number }>('SELECT id, group_id FROM twinnings');
    expect(event).to.deep.equal({ twinning_id: tw!.id, group_id: tw!.group_id, kind: 'webinar' });
    const seen = (await request(ctx.app).get(`/api/v1/twinnings/${slug}`).set(auth(c.vibo)).expect(200)).body.twinning;
    expect(seen.events.map((e: { title: string }) => e.title)).to.deep.equal(['Diretta: avvio del modello A']);
    const outside = (await request(ctx.app).get(`/api/v1/twinnings/${slug}`).set(auth(c.outsider)).expect(200)).body
      .twinning;
    expect(outside.events).to.deep.equal([]);
  });
});
