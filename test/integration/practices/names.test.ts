import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { practiceOrganizations, practices } from '../../../models/schema.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { bearer, cast, draftInput, orgSlugOf, practiceAt } from './helpers.ts';

// What a practice may be called and whom it may name: its slug never takes a fixed path of the
// registry; its contact person and co-owner administrations are people and administrations involved.
describe('practices: slugs and the people and administrations a practice names', () => {
  let ctx: TestContext;
  let people: Awaited<ReturnType<typeof cast>>;
  beforeEach(async () => {
    ctx = await testContext();
    people = await cast(ctx);
  });

  const handleOf = async (id: number) =>
    (await ctx.database.query<{ handle: string }>('SELECT handle FROM users WHERE id = $1', [id]))[0]!.handle;
  const rowOf = async (id: number) => (await ctx.database.db.select().from(practices).where(eq(practices.id, id)))[0]!;
  const coOwnerIds = async (id: number) =>
    (
      await ctx.database.db
        .select({ id: practiceOrganizations.organizationId })
        .from(practiceOrganizations)
        .where(eq(practiceOrganizations.practiceId, id))
    ).map((r) => r.id);

  it('never gives a practice the slug of a fixed path, so the API and the page read every practice', async () => {
    const author = await bearer(ctx.app, people.author);
    const titles = { export: 'Export', nuova: 'Nuova', mie: 'Mie', 'da-validare': 'Da validare', storie: 'Storie' };
    for (const [word, title] of Object.entries(titles)) {
      const created = await request(ctx.app)
        .post('/api/v1/practices')
        .set(author)
        .send(draftInput(people.org, { title }))
        .expect(201);
      const slug = created.body.practice.slug;
      expect(slug).to.equal(`${word}-2`);
      expect(created.headers.location).to.equal(`/api/v1/practices/${slug}`);
      const read = await request(ctx.app).get(`/api/v1/practices/${slug}`).set(author).expect(200);
      expect(read.body.practice).to.include({ slug, title });
    }
    // /api/v1/practices/export is still the open-data export.
    const exported = await request(ctx.app).get('/api/v1/practices/export').expect(200);
    expect(exported.body).not.to.have.property('practice');
  });

  it('refuses a stranger administration as co-owner and a stranger as contact (400 naming each), changing nothing', async () => {
    const p = await practiceAt(ctx, 'published', {
      author: people.author,
      validator: people.animator,
      org: people.org,
    });
    const author = await bearer(ctx.app, people.author);
    const vibo = await orgSlugOf(ctx, people.outsider);
    const outsider = await handleOf(people.outsider.id);
    const refused = await request(ctx.app)
      .patch(`/api/v1/practices/${p.slug}`)
      .set(author)
      .send({ coOwners: [vibo], contact: outsider, note: 'Nuovi titolari' })
      .expect(400);
    expect(refused.body.error.fields).to.deep.equal({
      coOwners:
        "Come altre amministrazioni titolari puoi indicare solo quelle dell'autore o dei coautori, non: Comune di Vibo Valentia.",
      contact: `Il referente deve essere l'autore, un coautore o una persona dell'amministrazione titolare o di una cotitolare: @${outsider} non lo è.`,
    });
    expect(await rowOf(p.id)).to.include({ contactUserId: people.author.id, version: 1 });
    expect(await coOwnerIds(p.id)).to.deep.equal([]);
    // The same on registration.
    const created = await request(ctx.app)
      .post('/api/v1/practices')
      .set(author)
      .send(draftInput(people.org, { title: 'Sportello unico', coOwners: [vibo] }))
      .expect(400);
    expect(created.body.error.fields).to.have.keys('coOwners');
  });

  it('takes the administrations of its authors as co-owners and its people as contact; animators name any co-owner', async () => {
    const author = await bearer(ctx.app, people.author);
    const vibo = await orgSlugOf(ctx, people.outsider);
    const outsider = await handleOf(people.outsider.id);
    // A co-author's administration co-owns it; the co-author is the contact.
    const withCoAuthor = await request(ctx.app)
      .post('/api/v1/practices')
      .set(author)
      .send(
        draftInput(people.org, {
          title: 'Sportello condiviso',
          coAuthors: [outsider],
          coOwners: [vibo],
          contact: outsider,
        }),
      )
      .expect(201);
    expect(withCoAuthor.body.practice.coOwners.map((o: { slug: string }) => o.slug)).to.deep.equal([vibo]);
    expect(withCoAuthor.body.practice.contact.id).to.equal(people.outsider.id);
    // A colleague of the lead administration (not an author) may be the contact.
    const colleague = await request(ctx.app)
      .post('/api/v1/practices')
      .set(author)
      .send(draftInput(people.org, { title: 'Sportello regionale', contact: await handleOf(people.coAuthor.id) }))
      .expect(201);
    expect(colleague.body.practice.contact.id).to.equal(people.coAuthor.id);

    // An animator names any administration as co-owner, and someone of it as contact.
    const byAnimator = await request(ctx.app)
      .post('/api/v1/practices')
      .set(await bearer(ctx.app, people.animator))
      .send(draftInput(people.org, { title: 'Sportello della rete', coOwners: [vibo], contact: outsider }))
      .expect(201);
    // What it already names stays: its author edits it without being asked about them again.
    await request(ctx.app)
      .patch(`/api/v1/practices/${byAnimator.body.practice.slug}`)
      .set(await bearer(ctx.app, people.animator))
      .send({ coAuthors: [await handleOf(people.author.id)] })
      .expect(200);
    const edited = await request(ctx.app)
      .patch(`/api/v1/practices/${byAnimator.body.practice.slug}`)
      .set(author)
      .send({ summary: 'Una sintesi riscritta dalla coautrice.' })
      .expect(200);
    expect(edited.body.practice).to.deep.include({ summary: 'Una sintesi riscritta dalla coautrice.' });
    expect(edited.body.practice.contact.id).to.equal(people.outsider.id);
  });
});
