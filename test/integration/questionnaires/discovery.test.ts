// Questionnaires where people find things: the site search, the sitemap and the home page — the
// published ones only — and the activity feed, where a publication shows.
import { expect } from 'chai';
import request from 'supertest';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { fixture } from './helpers.ts';

describe('questionnaires: search, sitemap, home and feed', function () {
  this.timeout(30_000);
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('finds published questionnaires only, lists them in the sitemap and on the home page, and announces them', async () => {
    await fixture(ctx, { slug: 'pubblicato' });
    await fixture(ctx, { slug: 'in-bozza', published: false });
    const found = await request(ctx.app).get('/api/v1/search?q=questionario&type=questionnaire').expect(200);
    expect(found.body.results.map((r: { url: string }) => r.url)).to.deep.equal(['/questionari/pubblicato']);
    const sitemap = await request(ctx.app).get('/sitemap.xml').expect(200);
    expect(sitemap.text).to.contain('/questionari/pubblicato').and.not.contain('/questionari/in-bozza');
    const home = await request(ctx.app).get('/').expect(200);
    expect(home.text).to.contain('href="/questionari/pubblicato"').and.not.contain('/questionari/in-bozza');
    await request(ctx.app).get('/questionari/in-bozza').expect(404);
    await ctx.settle();
    const feed = await request(ctx.app).get('/api/v1/feed').expect(200);
    const items = feed.body.activities;
    expect(items.map((a: { type: string; object: { url: string } }) => `${a.type} ${a.object.url}`)).to.include(
      'questionnaire.published /questionari/pubblicato',
    );
  });
});
