// The questionnaire engine through the API and the pages: scoring with weights and options' scores,
// bands, conditions, drafts that are never lost, validation errors, owner-only responses, the
// others' average shown only from five respondents, and the file import's checks.
import { expect } from 'chai';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ROOT_DIR } from '../../../server/config.ts';
import { QuestionnaireFilesError } from '../../../server/features/questionnaires/questionnaires.files.ts';
import { importQuestionnaires } from '../../../server/features/questionnaires/questionnaires.service.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { answer, auth, fixture, FIXTURE_YAML, member } from './helpers.ts';

describe('questionnaires: engine, taking and results', function () {
  this.timeout(30_000);
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('scores each dimension with the weights and the options’ scores, and picks the bands', async () => {
    await fixture(ctx);
    const m = await member(ctx);
    // servizio: (2·(4−1)/4 + 1·1/2) / 3 = 66.7; rete: n1 5/10 only (m1 hidden since s1 ≠ si) = 50
    const first = await answer(ctx, m, 'prova', { answers: { l1: 4, s1: 'parte', n1: 5 }, submit: true }).expect(201);
    expect(first.body.response).to.include({ status: 'submitted' });
    expect(first.body.response.scores).to.deep.equal({ servizio: 66.7, rete: 50 });
    // servizio: (1.5 + 1)/3 = 83.3; rete: (0.5 + (1+2)/4)/2 = 62.5
    const second = await answer(ctx, m, 'prova', {
      answers: { l1: 4, s1: 'si', n1: 5, m1: ['a', 'c'] },
      submit: true,
    }).expect(201);
    expect(second.body.response.scores).to.deep.equal({ servizio: 83.3, rete: 62.5 });

    const agent = await signedInAgent(ctx.app, m.email, m.password);
    const page = await agent.get(`/questionari/prova/risultati/${second.body.response.id}`).expect(200);
    expect(page.text).to.contain('id="questionnaire-chart"').and.contain('id="questionnaire-scores"');
    expect(page.text).to.contain('83.3').and.contain('Forte').and.contain('Solida');
    // The previous attempt is compared, the others' average is not shown (nobody else answered).
    expect(page.text).to.contain('Tentativo precedente').and.contain('66.7');
    expect(page.text).not.to.contain('Media degli altri</th>');
    const chart = JSON.parse(
      /<script type="application\/json" id="questionnaire-chart-data">([^<]*)<\/script>/.exec(page.text)![1]!,
    );
    expect(chart.datasets[0].data).to.deep.equal([83.3, 62.5]);
    expect(chart.datasets[1].data).to.deep.equal([66.7, 50]);
  });

  it('keeps a draft whatever the answers hold, and refuses bad answers in Italian naming the question', async () => {
    await fixture(ctx);
    const m = await member(ctx);
    const bad = await answer(ctx, m, 'prova', { answers: { l1: 7, n1: 3 } }).expect(400);
    expect(bad.body.error.code).to.equal('validation');
    expect(bad.body.error.fields['answers.l1']).to.match(/Quanto funziona il servizio\?.*da 1 a 5/);
    const draftId = bad.body.error.responseId;
    const kept = await request(ctx.app).get(`/api/v1/responses/${draftId}`).set(auth(m)).expect(200);
    expect(kept.body.response).to.include({ status: 'draft' });
    expect(kept.body.response.answers).to.deep.equal({ l1: 7, n1: 3 });

    // Submitting with a required answer missing names it; the draft is the same one.
    const missing = await answer(ctx, m, 'prova', { answers: { l1: 3 }, submit: true }).expect(400);
    expect(missing.body.error.fields['answers.s1']).to.contain('Avete procedure scritte?').and.contain('obbligatoria');
    expect(missing.body.error.responseId).to.equal(draftId);

    // An answer to a question its condition hides is refused.
    const hidden = await answer(ctx, m, 'prova', { answers: { s1: 'no', m1: ['a'] }, submit: true }).expect(400);
    expect(hidden.body.error.fields['answers.m1']).to.contain('non si applica');
    // Unknown questions too.
    const unknown = await answer(ctx, m, 'prova', { answers: { zz: 1 } }).expect(400);
    expect(unknown.body.error.fields).to.have.property('answers.zz');
    // A draft stays a draft: no scores.
    const draft = await answer(ctx, m, 'prova', { answers: { m1: [] } }).expect(200);
    expect(draft.body.response).to.deep.equal({ id: draftId, status: 'draft' });
  });

  it('shows a response to its owner only', async () => {
    await fixture(ctx);
    const owner = await member(ctx);
    const other = await member(ctx, { organization: 'CPI di Cosenza' });
    const done = await answer(ctx, owner, 'prova', { answers: { l1: 2, s1: 'no', n1: 1 }, submit: true }).expect(201);
    const id = done.body.response.id;
    await request(ctx.app).get(`/api/v1/responses/${id}`).set(auth(owner)).expect(200);
    await request(ctx.app).get(`/api/v1/responses/${id}`).set(auth(other)).expect(404);
    await request(ctx.app).get(`/api/v1/responses/${id}`).expect(401);
    const agent = await signedInAgent(ctx.app, other.email, other.password);
    await agent.get(`/questionari/prova/risultati/${id}`).expect(404);
  });

  it('shows the anonymous average of others only once five others answered', async () => {
    await fixture(ctx);
    const me = await member(ctx);
    const mine = await answer(ctx, me, 'prova', { answers: { l1: 5, s1: 'no', n1: 10 }, submit: true }).expect(201);
    const agent = await signedInAgent(ctx.app, me.email, me.password);
    for (let i = 0; i < 5; i++) {
      const page = await agent.get(`/questionari/prova/risultati/${mine.body.response.id}`).expect(200);
      expect(page.text, `${i} others`).to.contain('almeno 5 altre persone');
      const other = await member(ctx, { organization: `CPI numero ${i}` });
      await answer(ctx, other, 'prova', { answers: { l1: 1, s1: 'no', n1: 0 }, submit: true }).expect(201);
    }
    const page = await agent.get(`/questionari/prova/risultati/${mine.body.response.id}`).expect(200);
    expect(page.text).to.contain('Media degli altri').and.contain('di 5 altre persone');
    const chart = JSON.parse(/id="questionnaire-chart-data">([^<]*)</.exec(page.text)![1]!);
    expect(chart.datasets.at(-1).data).to.deep.equal([0, 0]);
  });

  it('lets a page save a section as a draft, go on, resume and submit, deciding conditions on the server', async () => {
    await fixture(ctx);
    const m = await member(ctx);
    const agent = await signedInAgent(ctx.app, m.email, m.password);
    const list = await agent.get('/questionari').expect(200);
    expect(list.text).to.contain('/questionari/prova');
    let page = await agent.get('/questionari/prova/sezioni/1').expect(200);
    expect(page.text).to.contain('Sezione 1 di 2').and.contain('progress-bar');
    // A Likert of 7 and a missing answer: the page comes back with both named, the draft keeps l1.
    let res = await agent
      .post('/questionari/prova/sezioni/1')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), _go: 'next', l1: '7' })
      .expect(400);
    expect(res.text).to.contain('scegli un valore da 1 a 5').and.contain('Avete procedure scritte?');
    res = await agent
      .post('/questionari/prova/sezioni/1')
      .type('form')
      .send({ _csrf: csrfFrom(res.text), _go: 'later', l1: '3', s1: 'si' })
      .expect(303);
    expect(res.headers.location).to.equal('/questionari/prova');
    const intro = await agent.get('/questionari/prova').expect(200);
    expect(intro.text).to.contain('Riprendi');
    page = await agent.get('/questionari/prova/sezioni/1').expect(200);
    expect(page.text).to.match(/value="3" checked/);
    await agent
      .post('/questionari/prova/sezioni/1')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), _go: 'next', l1: '3', s1: 'si' })
      .expect(303);
    page = await agent.get('/questionari/prova/sezioni/2').expect(200);
    // m1 shows (s1 = si): not hidden.
    expect(page.text).to.match(/id="q-m1" data-question="m1" data-show-if="s1" data-show-equals="si">/);
    res = await agent
      .post('/questionari/prova/sezioni/2')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), _go: 'submit', n1: '4', m1: ['b', 'c'] })
      .expect(303);
    expect(res.headers.location).to.match(/^\/questionari\/prova\/risultati\/\d+$/);
    const result = await agent.get(res.headers.location!).expect(200);
    expect(result.text).to.contain('questionnaire-chart');
  });

  it('lets anonymous people take a questionnaire open to anyone, and keeps the others out of members-only ones', async () => {
    await fixture(ctx, { audience: 'anyone', slug: 'aperto' });
    await fixture(ctx, { slug: 'riservato' });
    const done = await answer(ctx, null, 'aperto', { answers: { l1: 5, s1: 'no', n1: 2 }, submit: true }).expect(201);
    expect(done.body.response.scores.servizio).to.equal(66.7);
    await answer(ctx, null, 'riservato', { answers: { l1: 5 } }).expect(401);
    const anon = request.agent(ctx.app);
    const page = await anon.get('/questionari/aperto/sezioni/1').expect(200);
    await anon
      .post('/questionari/aperto/sezioni/1')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), _go: 'next', l1: '2', s1: 'no' })
      .expect(303);
    const back = await anon.get('/questionari/aperto/sezioni/1').expect(200);
    expect(back.text).to.match(/value="2" checked/);
  });

  it('imports the four shipped questionnaires, and refuses a file with problems naming each with its line', async () => {
    const results = await importQuestionnaires(ctx, path.join(ROOT_DIR, 'questionnaires'));
    expect(results.map((r) => r.slug).sort()).to.deep.equal([
      'active-ageing-aziende',
      'monitoraggio-reti',
      'palestra-lavoro',
      'qualita-servizi-cpi',
    ]);
    const list = await request(ctx.app).get('/api/v1/questionnaires').expect(200);
    expect(list.body.questionnaires).to.have.length(4);
    for (const q of list.body.questionnaires) expect(q.dimensions.length).to.be.within(3, 6);
    const one = await request(ctx.app).get('/api/v1/questionnaires/palestra-lavoro').expect(200);
    expect(one.body.questionnaire.audience).to.equal('anyone');
    expect(one.body.questionnaire.sections[0].questions.some((q: { showIf: unknown }) => q.showIf)).to.equal(true);

    const dir = await mkdtemp(path.join(os.tmpdir(), 'questionari-'));
    await mkdir(path.join(dir, 'rotto'));
    const broken = FIXTURE_YAML()
      .replace('equals: si', 'equals: forse')
      .replace('{ min: 50, max: 100, kind: strength', '{ min: 60, max: 100, kind: strength');
    await writeFile(path.join(dir, 'rotto', 'questionnaire.yml'), broken);
    try {
      await importQuestionnaires(ctx, dir);
      expect.fail('the import should refuse the file');
    } catch (err) {
      expect(err).to.be.instanceOf(QuestionnaireFilesError);
      const messages = (err as QuestionnaireFilesError).problems.map((p) => `${p.line}: ${p.message}`);
      expect(messages.some((m) => /contigue/.test(m))).to.equal(true);
      expect(messages.some((m) => /^\d+: la condizione della domanda «m1» attende il valore «forse»/.test(m))).to.equal(
        true,
      );
    }
  });
});
