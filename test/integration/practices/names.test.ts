import { expect } from 'chai';
import request from 'supertest';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { bearer, cast, draftInput } from './helpers.ts';

// What a practice may be called and whom it may name: its slug never takes a fixed path of the
// registry; its contact person and co-owner administrations are people and administrations involved.
describe('practices: slugs and the people and administrations a practice names', () => {
  let ctx: TestContext;
  let people: Awaited<ReturnType<typeof cast>>;
  beforeEach(async () => {
    ctx = await testContext();
    people = await cast(ctx);
  });

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
});
