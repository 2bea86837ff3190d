import { expect } from 'chai';
import request from 'supertest';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { bearer, cast, practiceAt } from './helpers.ts';

// The home page's practices are shared by everyone and cached: the events of a change clear them,
// so an archived practice leaves the home, and a changed one shows as it is now, at once.
describe('practices: the home page follows archives and changes of published practices', () => {
  let ctx: TestContext;
  let people: Awaited<ReturnType<typeof cast>>;
  beforeEach(async () => {
    ctx = await testContext();
    people = await cast(ctx);
  });

  /** The home page's block of practices (the feed further down tells of publications too). */
  const practicesBlock = async () => {
    const html = (await request(ctx.app).get('/').expect(200)).text;
    const start = html.indexOf('aria-labelledby="practices-title"');
    expect(start).to.be.greaterThan(-1);
    return html.slice(start, html.indexOf('</section>', start));
  };

  it('drops an archived practice and shows a changed title on the next view', async () => {
    const who = { author: people.author, validator: people.animator, org: people.org };
    const kept = await practiceAt(ctx, 'published', who, { title: 'Sportello per il lavoro agile' });
    const archived = await practiceAt(ctx, 'published', who, { title: 'Orientamento nelle scuole medie' });
    await ctx.settle();
    expect(await practicesBlock())
      .to.contain('Sportello per il lavoro agile')
      .and.contain('Orientamento nelle scuole medie');

    // A published practice's change is its version 2: the home shows its title now.
    const author = await bearer(ctx.app, people.author);
    await request(ctx.app)
      .patch(`/api/v1/practices/${kept.slug}`)
      .set(author)
      .send({ title: 'Sportello per il lavoro agile e da remoto', note: 'Titolo aggiornato.' })
      .expect(200);
    await ctx.settle();
    expect(await practicesBlock()).to.contain('Sportello per il lavoro agile e da remoto');

    // Archived, a practice leaves the home.
    await request(ctx.app).post(`/api/v1/practices/${archived.slug}/archive`).set(author).expect(200);
    await ctx.settle();
    const after = await practicesBlock();
    expect(after).not.to.contain('Orientamento nelle scuole medie');
    expect(after).to.contain('Sportello per il lavoro agile e da remoto');
  });
});
