import { expect } from 'chai';
import request from 'supertest';
import { attachments, bookletExperiences } from '../../../models/schema.ts';
import { createUser } from '../../factories.ts';
import { FILES, seedTestRepertory } from '../../helpers/booklet.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { draftInput, orgSlugOf } from '../practices/helpers.ts';

type Auth = { authorization: string };
const today = () => new Date().toISOString().slice(0, 10);

describe('booklet: declared experiences and their evidence', () => {
  let ctx: TestContext;
  let owner: Awaited<ReturnType<typeof createUser>>;
  let auth: Auth;
  const api = '/api/v1/booklet/experiences';
  const valid = {
    kind: 'informal',
    title: 'Tutor dei tirocinanti al CPI di Vibo Valentia',
    place: "Centro per l'Impiego di Vibo Valentia",
    startedOn: '2023-02-01',
    endedOn: '2023-12-20',
    hours: 120,
    description: 'Ho seguito quattro tirocinanti nella presa in carico.',
    competences: ['TBK.TUT.03'],
  };
  const counts = async () => ({
    experiences: (await ctx.database.db.select().from(bookletExperiences)).length,
    attachments: (await ctx.database.db.select().from(attachments)).length,
  });
  const bearer = async (u: { email: string; password: string }) => ({
    authorization: `Bearer ${await apiToken(ctx.app, u.email, u.password)}`,
  });

  beforeEach(async () => {
    ctx = await testContext();
    await seedTestRepertory(ctx);
    owner = await createUser(ctx, { name: 'Caterina Arena' });
    auth = await bearer(owner);
  });

  it('declares an experience with competences and a document, and answers its shape', async () => {
    const res = await request(ctx.app)
      .post(api)
      .set(auth)
      .field('kind', 'non_formal')
      .field('title', 'Formazione sul Libretto formativo del cittadino')
      .field('place', 'Regione Toscana, Firenze')
      .field('startedOn', '2024-03-18')
      .field('endedOn', '2024-03-22')
      .field('hours', '24,5')
      .field('competences', 'TBK.ACC.01')
      .field('competences', 'tbk.ori.02')
      .attach('files', FILES.pdf, { filename: 'attestato.pdf', contentType: 'application/pdf' })
      .expect(201);
    const e = res.body.experience;
    expect(e).to.deep.include({
      kind: 'non_formal',
      startedOn: '2024-03-18',
      endedOn: '2024-03-22',
      hours: 24.5,
      locked: false,
    });
    expect(e.competences.map((c: { code: string }) => c.code)).to.deep.equal(['TBK.ACC.01', 'TBK.ORI.02']);
    expect(e.evidence).to.have.length(1);
    expect(e.evidence[0]).to.deep.include({ filename: 'attestato.pdf', mime: 'application/pdf' });
    const booklet = (await request(ctx.app).get('/api/v1/booklet').set(auth).expect(200)).body;
    expect(booklet.declared).to.deep.equal([e]);
    expect(booklet.competences.map((c: { code: string; sources: string[] }) => [c.code, c.sources])).to.deep.equal([
      ['TBK.ACC.01', ['declared']],
      ['TBK.ORI.02', ['declared']],
    ]);
  });

  it('refuses bad input with Italian field errors and changes nothing', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ endedOn: '2023-01-10' }, 'endedOn', /Al: la data di fine non può essere precedente alla data di inizio/],
      [{ hours: -3 }, 'hours', /Ore: il numero di ore non può essere negativo/],
      [{ competences: ['TBK.XXX.99', 'TBK.TUT.03'] }, 'competences', /il repertorio non ha le competenze TBK\.XXX\.99/],
      [{ startedOn: '2099-01-01', endedOn: undefined }, 'startedOn', /non può essere nel futuro/],
      [{ startedOn: '2023-02-30' }, 'startedOn', /data esistente/],
      [{ kind: 'altro' }, 'kind', /formale, non formale o informale/],
    ];
    for (const [change, field, message] of cases) {
      const res = await request(ctx.app)
        .post(api)
        .set(auth)
        .send({ ...valid, ...change })
        .expect(400);
      expect(res.body.error.fields[field], field).to.match(message);
    }
    expect(await counts()).to.deep.equal({ experiences: 0, attachments: 0 });
  });

  it('takes documents only as evidence, checked by content, declared type and name, and at most five', async () => {
    const post = () => {
      const r = request(ctx.app).post(api).set(auth);
      for (const [k, v] of Object.entries(valid)) for (const x of [v].flat()) r.field(k, String(x));
      return r;
    };
    const refused: [Buffer, string, string][] = [
      [FILES.zip, 'archivio.pdf', 'application/pdf'], // not a document inside
      [FILES.text, 'nota.pdf', 'application/pdf'],
      [FILES.pdf, 'scansione.png', 'image/png'], // a PDF named as an image
      [FILES.pdf, 'attestato.pdf', 'image/png'], // declared as something else
      [FILES.png, 'foto.jpg', 'image/jpeg'],
    ];
    for (const [bytes, filename, contentType] of refused) {
      const res = await post().attach('files', bytes, { filename, contentType }).expect(400);
      expect(res.body.error.fields.files, filename).to.match(/solo documenti PDF, ODT, DOCX/);
    }
    let tooMany = post();
    for (let i = 0; i < 6; i++)
      tooMany = tooMany.attach('files', FILES.pdf, { filename: `a${i}.pdf`, contentType: 'application/pdf' });
    expect((await tooMany.expect(400)).body.error.fields.files).to.match(/al massimo 5/);
    expect(await counts()).to.deep.equal({ experiences: 0, attachments: 0 });
    // An upload through the general endpoint (a scan) is linked as evidence; someone else's is refused.
    const scan = await request(ctx.app)
      .post('/api/v1/attachments')
      .set(auth)
      .attach('file', FILES.png, 'foto.png')
      .expect(201);
    await request(ctx.app)
      .post(api)
      .set(auth)
      .send({ ...valid, attachmentIds: [scan.body.attachment.id] })
      .expect(201);
    // Evidence belongs to the booklet: the same upload cannot also be linked to a practice or an article.
    const org = await orgSlugOf(ctx, owner);
    const asPractice = await request(ctx.app)
      .post('/api/v1/practices')
      .set(auth)
      .send({ ...draftInput(org), attachmentIds: [scan.body.attachment.id] })
      .expect(400);
    expect(asPractice.body.error.fields).to.have.property('attachmentIds');
    const editor = await createUser(ctx, { role: 'editor' });
    const scanOfEditor = await request(ctx.app)
      .post('/api/v1/attachments')
      .set(await bearer(editor))
      .attach('file', FILES.pdf, 'rapporto.pdf')
      .expect(201);
    await request(ctx.app)
      .post(api)
      .set(await bearer(editor))
      .send({ ...valid, attachmentIds: [scanOfEditor.body.attachment.id] })
      .expect(201);
    const asArticle = await request(ctx.app)
      .post('/api/v1/articles')
      .set(await bearer(editor))
      .send({
        kind: 'document',
        title: 'Rapporto',
        summary: 'Il rapporto.',
        theme: 'qualita',
        attachmentIds: [scanOfEditor.body.attachment.id],
      })
      .expect(400);
    expect(asArticle.body.error.fields).to.have.property('attachmentIds');
    const other = await createUser(ctx);
    const theirs = await request(ctx.app)
      .post('/api/v1/attachments')
      .set(await bearer(other))
      .attach('file', FILES.pdf, 'x.pdf')
      .expect(201);
    const stolen = await request(ctx.app)
      .post(api)
      .set(auth)
      .send({ ...valid, attachmentIds: [theirs.body.attachment.id] })
      .expect(400);
    expect(stolen.body.error.fields.attachmentIds).to.match(/non sono tuoi caricamenti/);
  });

  it('shows the form again with the errors and what was typed, storing nothing', async () => {
    const agent = await signedInAgent(ctx.app, owner.email, owner.password);
    const form = await agent.get('/libretto/esperienze/nuova').expect(200);
    expect(form.text).to.contain('TBK.TUT.03 – Fare da tutor a colleghi e tirocinanti');
    const csrf = csrfFrom(form.text);
    const res = await agent
      .post(`/libretto/esperienze?_csrf=${encodeURIComponent(csrf)}`)
      .field('_csrf', csrf)
      .field('kind', 'informal')
      .field('title', 'Tutor dei tirocinanti')
      .field('startedOn', '2023-05-01')
      .field('endedOn', '2023-04-01')
      .field('hours', '-2')
      .field('competences', 'TBK.TUT.03')
      .attach('files', FILES.zip, { filename: 'prove.zip', contentType: 'application/zip' })
      .expect(400);
    expect(res.text).to.contain('Al: la data di fine non può essere precedente alla data di inizio');
    expect(res.text).to.contain('Ore: il numero di ore non può essere negativo');
    expect(res.text).to.contain('value="Tutor dei tirocinanti"').and.contain('<option value="TBK.TUT.03" selected>');
    expect(await counts()).to.deep.equal({ experiences: 0, attachments: 0 });
    const ok = await agent
      .post(`/libretto/esperienze?_csrf=${encodeURIComponent(csrf)}`)
      .field('_csrf', csrf)
      .field('kind', 'informal')
      .field('title', 'Tutor dei tirocinanti')
      .field('startedOn', today())
      .field('competences', 'TBK.TUT.03')
      .attach('files', FILES.png, { filename: 'registro.png', contentType: 'image/png' })
      .expect(303);
    expect(ok.headers.location).to.equal('/libretto#esperienze');
    const page = await agent.get('/libretto').expect(200);
    expect(page.text).to.contain('Tutor dei tirocinanti').and.contain('registro.png').and.contain('Informale');
  });

  it('edits and deletes one’s own experiences; others’ are not found', async () => {
    const created = (await request(ctx.app).post(api).set(auth).send(valid).expect(201)).body.experience;
    const patched = await request(ctx.app)
      .patch(`${api}/${created.id}`)
      .set(auth)
      .send({ hours: 90, competences: ['TBK.ACC.01'] })
      .expect(200);
    expect(patched.body.experience).to.deep.include({ hours: 90, title: valid.title, endedOn: valid.endedOn });
    expect(patched.body.experience.competences.map((c: { code: string }) => c.code)).to.deep.equal(['TBK.ACC.01']);
    const bad = await request(ctx.app)
      .patch(`${api}/${created.id}`)
      .set(auth)
      .send({ endedOn: '2020-01-01' })
      .expect(400);
    expect(bad.body.error.fields.endedOn).to.match(/precedente alla data di inizio/);
    const other = await bearer(await createUser(ctx));
    await request(ctx.app).patch(`${api}/${created.id}`).set(other).send({ hours: 1 }).expect(404);
    await request(ctx.app).delete(`${api}/${created.id}`).set(other).expect(404);
    await request(ctx.app).delete(`${api}/${created.id}`).set(auth).expect(204);
    expect(await counts()).to.deep.equal({ experiences: 0, attachments: 0 });
  });

  it('serves evidence to its owner and to the assessors handling a request that cites it, to nobody else', async () => {
    const created = await request(ctx.app)
      .post(api)
      .set(auth)
      .field('kind', 'informal')
      .field('title', 'Tutor dei tirocinanti')
      .field('startedOn', '2023-02-01')
      .field('competences', 'TBK.TUT.03')
      .attach('files', FILES.pdf, { filename: 'registro-presenze.pdf', contentType: 'application/pdf' })
      .expect(201);
    const url = created.body.experience.evidence[0].url as string;
    const member = await createUser(ctx);
    const animator = await createUser(ctx, { role: 'animator' });
    const other = await createUser(ctx, { role: 'animator' });
    const get = async (u: { email: string; password: string } | null) =>
      (u
        ? request(ctx.app)
            .get(url)
            .set(await bearer(u))
        : request(ctx.app).get(url)
      ).then((r) => r.status);
    expect(await get(owner)).to.equal(200);
    expect(await get(member)).to.equal(404);
    expect(await get(animator)).to.equal(404); // no request cites it yet
    expect(await get(null)).to.equal(404);

    const asked = await request(ctx.app)
      .post('/api/v1/booklet/validation-requests')
      .set(auth)
      .send({
        experienceId: created.body.experience.id,
        competence: 'TBK.TUT.03',
        message: 'Ho seguito quattro tirocinanti per un anno.',
      })
      .expect(201);
    expect(await get(animator)).to.equal(200);
    expect(await get(other)).to.equal(200);
    expect(await get(member)).to.equal(404);
    // Cited by an open request, the experience stays as it is.
    const locked = await request(ctx.app)
      .patch(`${api}/${created.body.experience.id}`)
      .set(auth)
      .send({ hours: 3 })
      .expect(409);
    expect(locked.body.error.message).to.match(/citata da una richiesta di riconoscimento/);
    await request(ctx.app).delete(`${api}/${created.body.experience.id}`).set(auth).expect(409);

    const id = asked.body.validationRequest.id;
    await request(ctx.app)
      .post(`/api/v1/booklet/validation-requests/${id}/decision`)
      .set(await bearer(animator))
      .send({ decision: 'refused', reason: 'Servono le schede di valutazione dei tirocini.' })
      .expect(200);
    // Closed: the assessor who decided still reads it, the others no longer do.
    expect(await get(animator)).to.equal(200);
    expect(await get(other)).to.equal(404);
    // A refused request leaves the experience free again.
    await request(ctx.app).delete(`${api}/${created.body.experience.id}`).set(auth).expect(204);
    expect(await get(animator)).to.equal(404);
  });
});
