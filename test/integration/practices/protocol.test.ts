import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { practices, practiceValidations, validationCriteria } from '../../../models/schema.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { bearer, cast, practiceAt } from './helpers.ts';

describe('practices: the validation protocol', () => {
  let ctx: TestContext;
  let people: Awaited<ReturnType<typeof cast>>;
  beforeEach(async () => {
    ctx = await testContext();
    people = await cast(ctx);
  });
  const who = () => ({ author: people.author, validator: people.animator, org: people.org });

  it('refuses a score of 5, an unknown criterion and a malformed score (400 naming each), recording nothing', async () => {
    const p = await practiceAt(ctx, 'submitted', who());
    const animator = await bearer(ctx.app, people.animator);
    const res = await request(ctx.app)
      .post(`/api/v1/practices/${p.slug}/validate`)
      .set(animator)
      .send({
        decision: 'validated',
        scores: { efficacia: 5, impatto: 3, innovazione: { score: 'tanto' }, sostenibilita: 0 },
      })
      .expect(400);
    expect(res.body.error.fields).to.deep.equal({
      'scores.efficacia': 'Il punteggio deve essere un numero intero da 1 a 4.',
      'scores.impatto': 'Criterio sconosciuto o non attivo.',
      'scores.innovazione': 'Il punteggio deve essere un numero intero da 1 a 4.',
      'scores.sostenibilita': 'Il punteggio deve essere un numero intero da 1 a 4.',
    });
    await request(ctx.app)
      .post(`/api/v1/practices/${p.slug}/validate`)
      .set(animator)
      .send({ decision: 'validated', scores: { efficacia: 2.5 } })
      .expect(400);
    expect(await ctx.database.db.select().from(practiceValidations)).to.deep.equal([]);
    expect((await ctx.database.db.select().from(practices).where(eq(practices.id, p.id)))[0]!.status).to.equal(
      'submitted',
    );
  });

  it('publishes the scores with the practice: "3/4" with its note, "non valutato" for criteria left unscored, the mean stored', async () => {
    const p = await practiceAt(ctx, 'submitted', who());
    const agent = await signedInAgent(ctx.app, people.animator.email, people.animator.password);
    // The protocol in the browser: every active criterion, 1–4 radios, a note each.
    const form = await agent.get(`/buone-pratiche/${p.slug}/valida`).expect(200);
    expect(form.text).to.contain('Efficacia documentata').and.contain('Coerenza con i quadri di riferimento');
    expect(form.text).to.contain('name="score_efficacia"').and.contain('name="note_trasferibilita"');
    const token = csrfFrom(form.text);
    // A return without comment comes back with the message and what was typed.
    const refused = await agent
      .post(`/buone-pratiche/${p.slug}/valida`)
      .type('form')
      .send({ _csrf: token, decision: 'returned', score_efficacia: '2', note_efficacia: 'Pochi dati.' })
      .expect(400);
    expect(refused.text).to.contain('Per rimandare la pratica agli autori scrivi un commento');
    expect(refused.text).to.contain('Pochi dati.');
    await agent
      .post(`/buone-pratiche/${p.slug}/valida`)
      .type('form')
      .send({
        _csrf: token,
        decision: 'validated',
        score_efficacia: '3',
        note_efficacia: 'Indicatori pluriennali.',
        score_trasferibilita: '4',
        score_sostenibilita: '2',
        score_innovazione: '',
        strengths: 'Gratuita e aperta.',
        weaknesses: 'Costi dei tutor.',
        comment: 'Da pubblicare.',
      })
      .expect(303);
    const [row] = await ctx.database.db.select().from(practices).where(eq(practices.id, p.id));
    expect(row!.status).to.equal('validated');
    expect(row!.validationScore).to.equal(3);
    await agent.post(`/buone-pratiche/${p.slug}/pubblica`).type('form').send({ _csrf: token }).expect(303);

    const page = await request(ctx.app).get(`/buone-pratiche/${p.slug}`).expect(200);
    const protocol = page.text.slice(page.text.indexOf('id="protocol-title"'));
    expect(protocol).to.contain('Validata sulla versione 1 da Lucia Ferraro').and.contain('punteggio medio 3 su 4');
    expect(protocol).to.match(
      /Efficacia documentata<\/th><td><strong>3\/4<\/strong><\/td><td class="text-pre-wrap">Indicatori pluriennali\.<\/td>/,
    );
    expect(protocol).to.match(/Trasferibilità<\/th><td><strong>4\/4<\/strong>/);
    expect(protocol).to.match(/Innovazione<\/th><td><em>non valutato<\/em>/);
    expect(protocol).to.match(/Coerenza con i quadri di riferimento<\/th><td><em>non valutato<\/em>/);
    expect(protocol).to.contain('Gratuita e aperta.').and.contain('Costi dei tutor.').and.contain('Da pubblicare.');
  });

  it('lets admins configure the criteria and appoint validators; an appointed member validates, others may not configure', async () => {
    const admin = await signedInAgent(ctx.app, people.admin.email, people.admin.password);
    const member = await signedInAgent(ctx.app, people.outsider.email, people.outsider.password);
    await member.get('/admin/buone-pratiche').expect(403);
    const page = await admin.get('/admin/buone-pratiche').expect(200);
    const token = csrfFrom(page.text);

    await admin
      .post('/admin/buone-pratiche/criteri')
      .type('form')
      .send({ _csrf: token, key: 'impatto-sociale', labelIt: 'Impatto sociale', labelEn: 'Social impact' })
      .expect(303);
    // Renamed and deactivated: "innovazione" is no longer scored.
    await admin
      .post('/admin/buone-pratiche/criteri/innovazione')
      .type('form')
      .send({ _csrf: token, labelIt: 'Innovazione di processo', labelEn: 'Process innovation' })
      .expect(303);
    await admin
      .post('/admin/buone-pratiche/criteri/impatto-sociale/sposta')
      .type('form')
      .send({ _csrf: token, direction: 'up' })
      .expect(303);
    const criteria = await ctx.database.db.select().from(validationCriteria).orderBy(validationCriteria.position);
    expect(criteria.map((c) => [c.key, c.active])).to.deep.equal([
      ['efficacia', true],
      ['trasferibilita', true],
      ['sostenibilita', true],
      ['innovazione', false],
      ['impatto-sociale', true],
      ['coerenza-quadri', true],
    ]);
    expect(criteria.find((c) => c.key === 'innovazione')!.labelIt).to.equal('Innovazione di processo');

    // An appointed member (from another administration) validates; the deactivated criterion is refused.
    const handle = (
      await ctx.database.query<{ handle: string }>('SELECT handle FROM users WHERE id = $1', [people.outsider.id])
    )[0]!.handle;
    await admin
      .post('/admin/buone-pratiche/validatori')
      .type('form')
      .send({ _csrf: token, handle: `@${handle}` })
      .expect(303);
    expect((await admin.get('/admin/buone-pratiche').expect(200)).text).to.contain('Antonio Barbieri');
    const p = await practiceAt(ctx, 'submitted', who());
    const outsider = await bearer(ctx.app, people.outsider);
    const inactive = await request(ctx.app)
      .post(`/api/v1/practices/${p.slug}/validate`)
      .set(outsider)
      .send({ decision: 'validated', scores: { innovazione: 3 } })
      .expect(400);
    expect(inactive.body.error.fields).to.have.keys('scores.innovazione');
    const ok = await request(ctx.app)
      .post(`/api/v1/practices/${p.slug}/validate`)
      .set(outsider)
      .send({ decision: 'validated', scores: { 'impatto-sociale': 4, efficacia: 1 } })
      .expect(200);
    expect(ok.body.practice.validation.scores.map((s: any) => [s.criterion, s.score])).to.deep.equal([
      ['efficacia', 1],
      ['trasferibilita', null],
      ['sostenibilita', null],
      ['impatto-sociale', 4],
      ['coerenza-quadri', null],
    ]);
    expect(ok.body.practice.validationScore).to.equal(2.5);
    // The validators' queue: theirs now.
    const queue = await signedInAgent(ctx.app, people.outsider.email, people.outsider.password);
    expect((await queue.get('/buone-pratiche/da-validare').expect(200)).text).to.contain(p.title);
    // Removed, they validate no more.
    await admin
      .post(`/admin/buone-pratiche/validatori/${people.outsider.id}/rimuovi`)
      .type('form')
      .send({ _csrf: token })
      .expect(303);
    await queue.get('/buone-pratiche/da-validare').expect(403);
  });
});
