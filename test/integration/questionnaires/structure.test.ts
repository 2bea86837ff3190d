// The structured editor in the browser: metadata, dimensions, sections and questions one item at a
// time, each change checked on the whole questionnaire (the same checks as a file) before it is saved.
import { expect } from 'chai';
import request from 'supertest';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { answer, fixture, member } from './helpers.ts';

describe('questionnaires: the structured editor', function () {
  this.timeout(30_000);
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('edits questions, dimensions, sections and metadata, refusing changes that break the questionnaire', async () => {
    await fixture(ctx);
    const animator = await createUser(ctx, { role: 'animator', organization: 'Formez PA' });
    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    let page = await agent.get('/questionari/prova/struttura').expect(200);
    expect(page.text).to.contain('id="q0-0-id"').and.contain('0-40 | improve | Da migliorare');
    const post = async (body: Record<string, string>, status: number) => {
      const res = await agent
        .post('/questionari/prova/struttura')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), ...body })
        .expect(status);
      if (status === 303) page = await agent.get('/questionari/prova/struttura').expect(200);
      return res;
    };
    // l1 now weighs 1 on servizio and 1 on rete: the scores follow.
    await post(
      {
        _op: 'question',
        section: '0',
        index: '0',
        id: 'l1',
        type: 'likert',
        text: 'Quanto funziona il servizio?',
        required: 'on',
        weights: 'servizio=1, rete=1',
      },
      303,
    );
    const m = await member(ctx);
    const scored = await answer(ctx, m, 'prova', { answers: { l1: 5, s1: 'no', n1: 0 }, submit: true }).expect(201);
    // servizio: (1·1 + 1·0)/2 = 50; rete: (1·1 + 1·0)/2 = 50
    expect(scored.body.response.scores).to.deep.equal({ servizio: 50, rete: 50 });

    // A dimension nothing measures, bands with a gap, a deleted question a condition needs: refused, named.
    let res = await post(
      { _op: 'dimension', index: '-1', key: 'nuova', title: 'Nuova', bands: '0-100 | neutral | Tutto | Niente' },
      400,
    );
    expect(res.text).to.contain('nessuna domanda misura la dimensione «nuova»');
    res = await post(
      {
        _op: 'dimension',
        index: '1',
        key: 'rete',
        title: 'Rete',
        bands: '0-30 | improve | Debole | x\n40-100 | strength | Solida | y',
      },
      400,
    );
    expect(res.text).to.contain('devono essere contigue');
    res = await post({ _op: 'delete', what: 'question', section: '0', index: '1' }, 400);
    expect(res.text).to.contain('la condizione della domanda «m1» si riferisce a «s1»');
    // A new option, a section moved, a question added with a condition.
    await post({ _op: 'section', index: '-1', key: 'c', title: 'Terza parte', intro: '' }, 400); // published: no empty section
    await post({ _op: 'move', what: 'section', index: '1', by: '-1' }, 400); // m1 would come before s1, its condition
    await post(
      {
        _op: 'question',
        section: '1',
        index: '-1',
        id: 'q9',
        type: 'single',
        text: 'Nuova domanda?',
        options: 'x | Ics | 1\ny | Ipsilon | 0',
        weights: 'rete=1',
        showIfQuestion: 's1',
        showIfEquals: 'si',
      },
      303,
    );
    const def = (await request(ctx.app).get('/api/v1/questionnaires/prova').expect(200)).body.questionnaire;
    expect(def.sections[1].questions.at(-1)).to.deep.include({ id: 'q9', showIf: { question: 's1', equals: 'si' } });
    expect(def.sections[1].questions.at(-1).options).to.deep.equal([
      { value: 'x', label: 'Ics', score: 1 },
      { value: 'y', label: 'Ipsilon', score: 0 },
    ]);
    // Metadata: unpublished, it leaves the public catalogue.
    await agent
      .post('/questionari/prova/metadati')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        title: 'Prova rinominata',
        summary: '',
        intro: '',
        audience: 'members',
        group: '',
        subject: 'person',
      })
      .expect(303);
    const list = await request(ctx.app).get('/api/v1/questionnaires').expect(200);
    expect(list.body.questionnaires).to.deep.equal([]);
    await agent
      .post('/questionari/prova/metadati')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), title: 'Prova', audience: 'group', group: 'inesistente', subject: 'person' })
      .expect(400);
    // A draft may hold a new section still empty, but cannot be published so.
    await post({ _op: 'section', index: '-1', key: 'c', title: 'Terza parte', intro: '' }, 303);
    const refused = await agent
      .post('/questionari/prova/metadati')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), title: 'Prova', audience: 'members', subject: 'person', published: 'on' })
      .expect(400);
    expect(refused.text).to.contain('structure-problems');
    await post(
      { _op: 'question', section: '2', index: '-1', id: 'q10', type: 'likert', text: 'Ultima?', weights: 'rete=1' },
      303,
    );
    await agent
      .post('/questionari/prova/metadati')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), title: 'Prova', audience: 'members', subject: 'person', published: 'on' })
      .expect(303);
    expect((await request(ctx.app).get('/api/v1/questionnaires').expect(200)).body.questionnaires).to.have.length(1);

    // Members do not edit.
    const agentM = await signedInAgent(ctx.app, m.email, m.password);
    await agentM.get('/questionari/prova/struttura').expect(403);
  });
});
