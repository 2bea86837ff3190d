import { expect } from 'chai';
import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { appointValidator } from '../../../models/queries/practices-protocol.ts';
import { practiceAuthors, practices, practiceValidations } from '../../../models/schema.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { bearer, cast, completeInput, practiceAt } from './helpers.ts';

// Whoever ever wrote a practice — its creator, a co-author now or one taken off since — is no judge
// of it: the protocol (validation) and the publication are someone else's decision.
describe('practices: whoever ever wrote a practice stays one of its authors for the protocol', () => {
  let ctx: TestContext;
  let people: Awaited<ReturnType<typeof cast>>;
  beforeEach(async () => {
    ctx = await testContext();
    people = await cast(ctx);
  });

  const handleOf = async (id: number) =>
    (await ctx.database.query<{ handle: string }>('SELECT handle FROM users WHERE id = $1', [id]))[0]!.handle;
  const authorRow = async (practiceId: number, userId: number) =>
    (
      await ctx.database.db
        .select()
        .from(practiceAuthors)
        .where(and(eq(practiceAuthors.practiceId, practiceId), eq(practiceAuthors.userId, userId)))
    )[0];

  it('refuses the protocol to a validator who took themselves off the co-authors, and answers their edit with 200', async () => {
    const author = await bearer(ctx.app, people.author);
    const animator = await bearer(ctx.app, people.animator);
    const created = await request(ctx.app)
      .post('/api/v1/practices')
      .set(author)
      .send(completeInput(people.org, { coAuthors: [await handleOf(people.animator.id)] }))
      .expect(201);
    const { slug, id } = created.body.practice;

    // The animator takes themselves off: the change is saved, and answered (200, never a 404).
    const left = await request(ctx.app)
      .patch(`/api/v1/practices/${slug}`)
      .set(animator)
      .send({ coAuthors: [] })
      .expect(200);
    expect(left.body.practice).to.deep.equal({
      slug,
      status: 'draft',
      title: created.body.practice.title,
      url: `/buone-pratiche/${slug}`,
    });
    expect((await authorRow(id, people.animator.id))!.removedAt).to.be.an.instanceOf(Date);
    // They are no longer among its authors (nor read the draft), and the page lists them no more.
    const read = await request(ctx.app).get(`/api/v1/practices/${slug}`).set(author).expect(200);
    expect(read.body.practice.coAuthors).to.deep.equal([]);
    await request(ctx.app).get(`/api/v1/practices/${slug}`).set(animator).expect(404);

    // Submitted, the practice goes to the validators: not to the animator who co-wrote it.
    await request(ctx.app).post(`/api/v1/practices/${slug}/submit`).set(author).expect(200);
    const refused = await request(ctx.app)
      .post(`/api/v1/practices/${slug}/validate`)
      .set(animator)
      .send({ decision: 'validated', scores: { efficacia: 4 } })
      .expect(403);
    expect(refused.body.error.message).to.equal('Non puoi validare una pratica di cui sei autore o coautore.');
    const page = await signedInAgent(ctx.app, people.animator.email, people.animator.password);
    await page.get(`/buone-pratiche/${slug}/valida`).expect(403);
    expect((await page.get(`/buone-pratiche/${slug}`).expect(200)).text).not.to.contain(`${slug}/valida"`);
    expect(await ctx.database.db.select().from(practiceValidations)).to.deep.equal([]);
    const [row] = await ctx.database.db.select().from(practices).where(eq(practices.id, id));
    expect(row!.status).to.equal('submitted');

    // Another validator may.
    await request(ctx.app)
      .post(`/api/v1/practices/${slug}/validate`)
      .set(await bearer(ctx.app, people.admin))
      .send({ decision: 'validated', scores: { efficacia: 4 } })
      .expect(200);
  });

  it('keeps a removed co-author out of the draft and its list, and makes them current again when named again', async () => {
    const author = await bearer(ctx.app, people.author);
    const coHandle = await handleOf(people.coAuthor.id);
    const created = await request(ctx.app)
      .post('/api/v1/practices')
      .set(author)
      .send(completeInput(people.org, { coAuthors: [coHandle] }))
      .expect(201);
    const { slug, id } = created.body.practice;
    const co = await signedInAgent(ctx.app, people.coAuthor.email, people.coAuthor.password);
    expect((await co.get('/buone-pratiche/mie').expect(200)).text).to.contain(`/buone-pratiche/${slug}"`);

    // The co-author takes themselves off through the form: saved, and sent to their own list.
    const form = await co.get(`/buone-pratiche/${slug}/modifica`).expect(200);
    const token = csrfFrom(form.text);
    const fields: [string, string][] = [
      ['title', created.body.practice.title],
      ['summary', created.body.practice.summary],
      ['description', created.body.practice.description],
      ['organization', people.org],
      ['region', 'Toscana'],
      ['theme', 'formazione'],
      ['coAuthors', ''],
    ];
    let post = co.post(`/buone-pratiche/${slug}/modifica?_csrf=${token}`).field('_csrf', token);
    for (const [k, v] of fields) post = post.field(k, v);
    const saved = await post.expect(303);
    expect(saved.headers.location).to.equal('/buone-pratiche/mie');
    const mine = await co.get('/buone-pratiche/mie').expect(200);
    expect(mine.text).to.contain('Non sei più tra gli autori di').and.not.contain(`/buone-pratiche/${slug}"`);
    await co.get(`/buone-pratiche/${slug}`).expect(404);
    expect((await authorRow(id, people.coAuthor.id))!.removedAt).to.be.an.instanceOf(Date);

    // Named again: a current co-author, the mark cleared, the draft theirs again.
    await request(ctx.app)
      .patch(`/api/v1/practices/${slug}`)
      .set(author)
      .send({ coAuthors: [coHandle] })
      .expect(200);
    expect((await authorRow(id, people.coAuthor.id))!.removedAt).to.equal(null);
    await co.get(`/buone-pratiche/${slug}`).expect(200);
    const read = await request(ctx.app).get(`/api/v1/practices/${slug}`).set(author).expect(200);
    expect(read.body.practice.coAuthors.map((a: { id: number }) => a.id)).to.deep.equal([people.coAuthor.id]);
  });

  it('leaves the publication of a practice someone else validated to a validator who did not write it (403)', async () => {
    // Its creator is an animator; a co-author is an appointed validator; an admin validated it.
    await appointValidator(ctx.database.db, people.coAuthor.id, people.admin.id);
    const practice = await practiceAt(
      ctx,
      'validated',
      { author: people.animator, validator: people.admin, org: people.org },
      { coAuthors: [await handleOf(people.coAuthor.id)] },
    );
    for (const writer of [people.animator, people.coAuthor]) {
      const refused = await request(ctx.app)
        .post(`/api/v1/practices/${practice.slug}/publish`)
        .set(await bearer(ctx.app, writer))
        .expect(403);
      expect(refused.body.error.message).to.equal(
        'Non puoi pubblicare una pratica di cui sei autore o coautore: la pubblicazione, come la validazione, spetta a un altro validatore.',
      );
      const page = await signedInAgent(ctx.app, writer.email, writer.password);
      expect((await page.get(`/buone-pratiche/${practice.slug}`).expect(200)).text).not.to.contain('/pubblica"');
    }
    const [row] = await ctx.database.db.select().from(practices).where(eq(practices.id, practice.id));
    expect(row).to.include({ status: 'validated', version: 0 });

    // Another validator publishes it.
    const admin = await signedInAgent(ctx.app, people.admin.email, people.admin.password);
    expect((await admin.get(`/buone-pratiche/${practice.slug}`).expect(200)).text).to.contain('/pubblica"');
    await request(ctx.app)
      .post(`/api/v1/practices/${practice.slug}/publish`)
      .set(await bearer(ctx.app, people.admin))
      .expect(200);
  });
});
