import { expect } from 'chai';
import request from 'supertest';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { auth, cast, count, createTosca, type Cast } from './helpers.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('Twinnings: documents', function () {
  this.timeout(60_000);
  let ctx: TestContext;
  let c: Cast;

  beforeEach(async () => {
    ctx = await testContext();
    c = await cast(ctx);
  });

  const upload = async (who: Cast['vibo']) =>
    (
      await request(ctx.app)
        .post('/api/v1/attachments')
        .set(auth(who))
        .attach('file', PDF, { filename: 'cronoprogramma.pdf', contentType: 'application/pdf' })
        .expect(201)
    ).body.attachment as { id: number; url: string };

  it('links a manager’s uploads as documents, once only, readable as the twinning is', async () => {
    // A proposal: only those who run it read it, and its documents.
    const res = await request(ctx.app)
      .post('/api/v1/twinnings')
      .set(auth(c.vibo))
      .send({ title: 'Tos.Ca.', offering: [c.toscana.orgSlug], receiving: [c.vibo.orgSlug] })
      .expect(201);
    const slug = res.body.twinning.slug as string;
    const file = await upload(c.vibo);
    const linked = await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/documents`)
      .set(auth(c.vibo))
      .send({ attachmentIds: [file.id] })
      .expect(201);
    expect(linked.body.documents.map((d: { id: number }) => d.id)).to.deep.equal([file.id]);
    await request(ctx.app).get(file.url).expect(404);
    await request(ctx.app).get(file.url).set(auth(c.outsider)).expect(404);
    await request(ctx.app).get(file.url).set(auth(c.animator)).expect(200);

    // An upload belongs to one owner: not linked twice, nor someone else's.
    await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/documents`)
      .set(auth(c.vibo))
      .send({ attachmentIds: [file.id] })
      .expect(400);
    const other = await upload(c.outsider);
    await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/documents`)
      .set(auth(c.vibo))
      .send({ attachmentIds: [other.id] })
      .expect(400);
    await request(ctx.app)
      .post(`/api/v1/twinnings/${slug}/documents`)
      .set(auth(c.outsider))
      .send({ attachmentIds: [other.id] })
      .expect(404);
    expect(await count(ctx, 'twinning_attachments')).to.equal(1);

    await request(ctx.app)
      .patch(`/api/v1/twinnings/${slug}`)
      .set(auth(c.animator))
      .send({ status: 'approved' })
      .expect(200);
    await request(ctx.app).get(file.url).expect(200);
    const page = await request(ctx.app).get(`/gemellaggi/${slug}`).expect(200);
    expect(page.text).to.contain('cronoprogramma.pdf');
  });

  it('takes files from the twinning page’s form (its managers only)', async () => {
    const { slug } = await createTosca(ctx, c);
    const agent = await signedInAgent(ctx.app, c.animator.email, c.animator.password);
    const page = await agent.get(`/gemellaggi/${slug}`).expect(200);
    const csrf = csrfFrom(page.text);
    const sent = await agent
      .post(`/gemellaggi/${slug}/documenti?_csrf=${encodeURIComponent(csrf)}`)
      .attach('files', PDF, { filename: 'piano-di-lavoro.pdf', contentType: 'application/pdf' })
      .expect(303);
    expect(sent.headers.location).to.equal(`/gemellaggi/${slug}#documenti`);
    expect((await agent.get(`/gemellaggi/${slug}`).expect(200)).text).to.contain('piano-di-lavoro.pdf');
    const outsider = await signedInAgent(ctx.app, c.outsider.email, c.outsider.password);
    const theirs = csrfFrom((await outsider.get(`/gemellaggi/${slug}`).expect(200)).text);
    await outsider
      .post(`/gemellaggi/${slug}/documenti?_csrf=${encodeURIComponent(theirs)}`)
      .attach('files', PDF, { filename: 'intruso.pdf', contentType: 'application/pdf' })
      .expect(403);
    expect(await count(ctx, 'twinning_attachments')).to.equal(1);
    expect(await count(ctx, 'attachments')).to.equal(1);
  });

  it('takes a file as a milestone’s evidence: a document of the twinning or the manager’s own upload, never another’s', async () => {
    const { slug } = await createTosca(ctx, c);
    const milestone = (
      await request(ctx.app)
        .post(`/api/v1/twinnings/${slug}/milestones`)
        .set(auth(c.animator))
        .send({ modelCode: 'A', title: 'Report di avvio', dueDate: '2099-01-31' })
        .expect(201)
    ).body.milestone as { id: number };
    const theirs = await upload(c.outsider);
    const refused = await request(ctx.app)
      .patch(`/api/v1/twinnings/${slug}/milestones/${milestone.id}`)
      .set(auth(c.animator))
      .send({ status: 'done', evidence: 'Report', evidenceAttachmentId: theirs.id })
      .expect(400);
    expect(refused.body.error.fields.evidenceAttachmentId).to.match(/documento del gemellaggio/);
    const [unchanged] = await ctx.database.query<{ status: string }>('SELECT status FROM twinning_milestones');
    expect(unchanged!.status).to.equal('planned');

    const mine = await upload(c.animator);
    const done = await request(ctx.app)
      .patch(`/api/v1/twinnings/${slug}/milestones/${milestone.id}`)
      .set(auth(c.animator))
      .send({ status: 'done', evidence: 'Report', evidenceAttachmentId: mine.id })
      .expect(200);
    expect(done.body.milestone.evidenceFile).to.include({ id: mine.id, filename: 'cronoprogramma.pdf' });
    const t = (await request(ctx.app).get(`/api/v1/twinnings/${slug}`).expect(200)).body.twinning;
    expect(t.documents.map((d: { id: number }) => d.id)).to.deep.equal([mine.id]);
    await request(ctx.app).get(mine.url).expect(200);
  });
});
