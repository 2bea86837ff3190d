import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { competenceValidationSteps, notifications, outbox, users } from '../../../models/schema.ts';
import { createUser } from '../../factories.ts';
import { FILES, recordedEvents, seedTestRepertory, type TestCode } from '../../helpers/booklet.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent } from '../../helpers/http.ts';

type Person = Awaited<ReturnType<typeof createUser>>;

describe('booklet: recognition of prior learning', () => {
  let ctx: TestContext;
  let ids: Record<TestCode, number>;
  let owner: Person;
  let animator: Person;
  let member: Person;
  const api = '/api/v1/booklet/validation-requests';
  const bearer = async (u: { email: string; password: string }) => ({
    authorization: `Bearer ${await apiToken(ctx.app, u.email, u.password)}`,
  });
  const kindsOf = async (u: Person) =>
    (await ctx.database.db.select().from(notifications).where(eq(notifications.userId, u.id)))
      .map((n) => n.kind)
      .sort();

  /** An experience of `who` showing TBK.TUT.03, and a request to recognise it. */
  async function experienceAndRequest(who: Person) {
    const auth = await bearer(who);
    const experience = (
      await request(ctx.app)
        .post('/api/v1/booklet/experiences')
        .set(auth)
        .send({
          kind: 'informal',
          title: 'Tutor dei tirocinanti',
          startedOn: '2023-02-01',
          competences: ['TBK.TUT.03'],
        })
        .expect(201)
    ).body.experience;
    const asked = await request(ctx.app)
      .post(api)
      .set(auth)
      .send({
        experienceId: experience.id,
        competence: 'TBK.TUT.03',
        message: 'Per un anno ho seguito quattro tirocinanti.',
      })
      .expect(201);
    return { auth, experience, request: asked.body.validationRequest };
  }

  beforeEach(async () => {
    ctx = await testContext();
    ids = await seedTestRepertory(ctx);
    owner = await createUser(ctx, { name: 'Francesco Romeo' });
    animator = await createUser(ctx, { name: 'Elena Bartolini', role: 'animator' });
    member = await createUser(ctx, { name: 'Rosa Pugliese' });
  });

  it('goes requested → more information → answered → validated, logging each step and telling the other party', async () => {
    const { auth, experience, request: asked } = await experienceAndRequest(owner);
    expect(asked).to.deep.include({
      status: 'requested',
      competence: { code: 'TBK.TUT.03', title: 'Fare da tutor a colleghi e tirocinanti' },
    });
    const id = asked.id as number;
    const assessor = await bearer(animator);
    await ctx.settle();
    expect(await kindsOf(animator)).to.deep.equal(['competence_requested']);
    expect(await kindsOf(member)).to.deep.equal([]);
    expect(await kindsOf(owner)).to.deep.equal([]);

    // One open request per person and competence.
    const again = await request(ctx.app)
      .post(api)
      .set(auth)
      .send({ experienceId: experience.id, competence: 'TBK.TUT.03', message: 'Una seconda richiesta uguale.' })
      .expect(409);
    expect(again.body.error.message).to.equal('Hai già una richiesta aperta per questa competenza.');
    // Only a competence the experience shows.
    const notShown = await request(ctx.app)
      .post(api)
      .set(auth)
      .send({ experienceId: experience.id, competence: 'TBK.ACC.01', message: 'Anche questa competenza.' })
      .expect(400);
    expect(notShown.body.error.fields.competence).to.match(/una delle competenze che l'esperienza mostra/);

    const noQuestion = await request(ctx.app)
      .post(`${api}/${id}/decision`)
      .set(assessor)
      .send({ decision: 'more_info' })
      .expect(400);
    expect(noQuestion.body.error.fields.reason).to.equal('Motivazione: scrivi che cosa serve ancora.');
    const more = await request(ctx.app)
      .post(`${api}/${id}/decision`)
      .set(assessor)
      .send({ decision: 'more_info', reason: 'Allega il registro delle attività di tutoraggio.' })
      .expect(200);
    expect(more.body.validationRequest).to.deep.include({
      status: 'more_info',
      assessor: { id: animator.id, name: 'Elena Bartolini' },
    });
    await request(ctx.app)
      .post(`${api}/${id}/decision`)
      .set(assessor)
      .send({ decision: 'more_info', reason: 'Ancora?' })
      .expect(409);
    await ctx.settle();
    expect(await kindsOf(owner)).to.deep.equal(['competence_more_info']);

    const empty = await request(ctx.app).post(`${api}/${id}/answer`).set(auth).send({ message: '' }).expect(400);
    expect(empty.body.error.fields.message).to.match(/scrivi un messaggio o allega nuove evidenze/);
    const answered = await request(ctx.app)
      .post(`${api}/${id}/answer`)
      .set(auth)
      .field('message', 'Ecco il registro firmato dal responsabile del CPI.')
      .attach('files', FILES.pdf, { filename: 'registro-tutoraggio.pdf', contentType: 'application/pdf' })
      .expect(200);
    expect(answered.body.validationRequest.status).to.equal('requested');
    const booklet = (await request(ctx.app).get('/api/v1/booklet').set(auth).expect(200)).body;
    expect(booklet.declared[0].evidence.map((e: { filename: string }) => e.filename)).to.deep.equal([
      'registro-tutoraggio.pdf',
    ]);
    expect(booklet.declared[0].locked).to.equal(true);
    await ctx.settle();
    expect(await kindsOf(animator)).to.deep.equal(['competence_answered', 'competence_requested']);

    const noLevel = await request(ctx.app)
      .post(`${api}/${id}/decision`)
      .set(assessor)
      .send({ decision: 'validated' })
      .expect(400);
    expect(noLevel.body.error.fields.level).to.match(/livello EQF, un numero da 1 a 8/);
    await request(ctx.app)
      .post(`${api}/${id}/decision`)
      .set(assessor)
      .send({ decision: 'validated', level: 9 })
      .expect(400);
    const validated = await request(ctx.app)
      .post(`${api}/${id}/decision`)
      .set(assessor)
      .send({ decision: 'validated', level: 5, reason: 'Evidenze complete e coerenti.' })
      .expect(200);
    expect(validated.body.validationRequest).to.deep.include({ status: 'validated', level: 5 });
    expect(
      validated.body.validationRequest.steps.map((s: { action: string; actor: { id: number } }) => [
        s.action,
        s.actor.id,
      ]),
    ).to.deep.equal([
      ['requested', owner.id],
      ['more_info', animator.id],
      ['answered', owner.id],
      ['validated', animator.id],
    ]);
    // Decided: no second decision, and one competence.validated with the agreed payload.
    await request(ctx.app)
      .post(`${api}/${id}/decision`)
      .set(assessor)
      .send({ decision: 'refused', reason: 'Ripensamento.' })
      .expect(409);
    await ctx.settle();
    const events = await recordedEvents(ctx, 'competence.validated');
    expect(events.map((e) => e.payload)).to.deep.equal([
      { validationId: id, userId: owner.id, competenceId: ids['TBK.TUT.03'], level: 5, assessorId: animator.id },
    ]);
    expect(await kindsOf(owner)).to.deep.equal(['competence_more_info', 'competence_validated', 'credential_issued']);
    // Mail per settings (immediate by default): the owner was written to about the validation.
    const [ownerRow] = await ctx.database.db.select().from(users).where(eq(users.id, owner.id));
    const mails = await ctx.database.db.select().from(outbox).where(eq(outbox.toAddress, ownerRow!.email));
    expect(mails.map((m) => m.textBody).join('\n')).to.contain('ha convalidato la tua competenza');

    const summary = (await request(ctx.app).get('/api/v1/booklet').set(auth).expect(200)).body.competences;
    expect(summary).to.deep.equal([
      {
        code: 'TBK.TUT.03',
        title: 'Fare da tutor a colleghi e tirocinanti',
        sources: ['declared', 'validated'],
        level: 5,
        validation: { id, status: 'validated', level: 5 },
      },
    ]);
    const oneMore = await request(ctx.app)
      .post(api)
      .set(auth)
      .send({ experienceId: experience.id, competence: 'TBK.TUT.03', message: 'Chiedo di nuovo la stessa.' })
      .expect(409);
    expect(oneMore.body.error.message).to.equal('Questa competenza ti è già stata riconosciuta.');
    expect(await ctx.database.db.select().from(competenceValidationSteps)).to.have.length(4);
  });

  it('refuses assessments by the owner (animator or not) and by plain members; refusing needs a reason', async () => {
    const { request: asked } = await experienceAndRequest(owner);
    const id = asked.id as number;
    const own = await request(ctx.app)
      .post(`${api}/${id}/decision`)
      .set(await bearer(owner))
      .send({ decision: 'validated', level: 4 })
      .expect(403);
    expect(own.body.error.message).to.equal('Non puoi valutare una tua richiesta di riconoscimento.');
    await request(ctx.app)
      .post(`${api}/${id}/decision`)
      .set(await bearer(member))
      .send({ decision: 'validated', level: 4 })
      .expect(403);
    await request(ctx.app)
      .get(`${api}?queue=1`)
      .set(await bearer(member))
      .expect(403);
    await request(ctx.app)
      .get(`${api}/${id}`)
      .set(await bearer(member))
      .expect(404);

    // An animator who asks for their own competence cannot assess it either.
    const animatorOwn = await experienceAndRequest(animator);
    await request(ctx.app)
      .post(`${api}/${animatorOwn.request.id}/decision`)
      .set(animatorOwn.auth)
      .send({ decision: 'validated', level: 6 })
      .expect(403);
    const queue = (await request(ctx.app).get(`${api}?queue=1`).set(animatorOwn.auth).expect(200)).body
      .validationRequests;
    expect(queue.map((r: { id: number }) => r.id)).to.deep.equal([id]);

    const noReason = await request(ctx.app)
      .post(`${api}/${id}/decision`)
      .set(animatorOwn.auth)
      .send({ decision: 'refused' })
      .expect(400);
    expect(noReason.body.error.fields.reason).to.equal('Motivazione: per respingere la richiesta scrivi il motivo.');
    expect(await ctx.database.db.select().from(competenceValidationSteps)).to.have.length(2);
  });

  it('works in the browser: the queue, the request page, a refusal with its reason, and asking again', async () => {
    const { auth, experience, request: asked } = await experienceAndRequest(owner);
    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const queue = await agent.get('/libretto/riconoscimenti/da-valutare').expect(200);
    expect(queue.text).to.contain('Francesco Romeo').and.contain(`/libretto/riconoscimenti/${asked.id}`);
    const page = await agent.get(`/libretto/riconoscimenti/${asked.id}`).expect(200);
    expect(page.text).to.contain('Tutor dei tirocinanti').and.contain('Per un anno ho seguito quattro tirocinanti.');
    const csrf = csrfFrom(page.text);
    const missing = await agent
      .post(`/libretto/riconoscimenti/${asked.id}/decisione`)
      .type('form')
      .send({ _csrf: csrf, decision: 'refused' })
      .expect(400);
    expect(missing.text).to.contain('Motivazione: per respingere la richiesta scrivi il motivo.');
    await agent
      .post(`/libretto/riconoscimenti/${asked.id}/decisione`)
      .type('form')
      .send({ _csrf: csrf, decision: 'refused', reason: 'Manca la descrizione delle attività svolte.' })
      .expect(303);
    await ctx.settle();
    expect(await kindsOf(owner)).to.deep.equal(['competence_refused']);
    const memberAgent = await signedInAgent(ctx.app, member.email, member.password);
    await memberAgent.get('/libretto/riconoscimenti/da-valutare').expect(403);
    await memberAgent.get(`/libretto/riconoscimenti/${asked.id}`).expect(404);

    const ownerAgent = await signedInAgent(ctx.app, owner.email, owner.password);
    const mine = await ownerAgent.get(`/libretto/riconoscimenti/${asked.id}`).expect(200);
    expect(mine.text).to.contain('Manca la descrizione delle attività svolte.').and.contain('respinta');
    const form = await ownerAgent.get(`/libretto/riconoscimenti/nuova?esperienza=${experience.id}`).expect(200);
    await ownerAgent
      .post('/libretto/riconoscimenti')
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        experienceId: experience.id,
        competence: 'TBK.TUT.03',
        message: 'Ho aggiunto la descrizione.',
      })
      .expect(303);
    const list = (await request(ctx.app).get(api).set(auth).expect(200)).body.validationRequests;
    expect(list.map((r: { status: string }) => r.status)).to.deep.equal(['requested', 'refused']);
  });

  it('lets admins appoint assessors, who then assess; dismissed, they no longer do', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const expert = await createUser(ctx, { name: 'Nicola Colavita' });
    const { request: asked } = await experienceAndRequest(owner);
    const expertAuth = await bearer(expert);
    await request(ctx.app).get(`${api}?queue=1`).set(expertAuth).expect(403);

    const memberAgent = await signedInAgent(ctx.app, member.email, member.password);
    await memberAgent.get('/admin/valutatori-competenze').expect(403);
    const agent = await signedInAgent(ctx.app, admin.email, admin.password);
    const page = await agent.get('/admin/valutatori-competenze').expect(200);
    const csrf = csrfFrom(page.text);
    const unknown = await agent
      .post('/admin/valutatori-competenze')
      .type('form')
      .send({ _csrf: csrf, person: '@nessuno' })
      .expect(400);
    expect(unknown.text).to.contain('nessun membro ha questo handle');
    await agent
      .post('/admin/valutatori-competenze')
      .type('form')
      .send({ _csrf: csrf, person: expert.email })
      .expect(303);
    expect((await agent.get('/admin/valutatori-competenze').expect(200)).text).to.contain('Nicola Colavita');

    const queue = (await request(ctx.app).get(`${api}?queue=1`).set(expertAuth).expect(200)).body.validationRequests;
    expect(queue.map((r: { id: number }) => r.id)).to.deep.equal([asked.id]);
    await request(ctx.app)
      .post(`${api}/${asked.id}/decision`)
      .set(expertAuth)
      .send({ decision: 'validated', level: 4 })
      .expect(200);

    await agent
      .post(`/admin/valutatori-competenze/${expert.id}/rimuovi`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    await request(ctx.app).get(`${api}?queue=1`).set(expertAuth).expect(403);
  });
});
