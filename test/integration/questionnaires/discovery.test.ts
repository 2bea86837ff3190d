// Questionnaires where people find things: the site search, the sitemap and the home page — the
// published ones only — and the activity feed, where a publication shows.
import { expect } from 'chai';
import request from 'supertest';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { createGroup } from '../../factories.ts';
import { answer, fixture, member } from './helpers.ts';

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

  it('keeps a group’s questionnaire to its members: catalogue, page, API, search, sitemap and home', async () => {
    const insider = await member(ctx, { organization: 'CPI di Firenze' });
    const outsider = await member(ctx, { organization: 'CPI di Cosenza' });
    const { group } = await createGroup(ctx, { visibility: 'private', members: [insider] });
    await fixture(ctx, { slug: 'della-rete', audience: 'group', group: group.slug });
    const list = (m: typeof insider | null) =>
      (m
        ? request(ctx.app).get('/api/v1/questionnaires').set('Authorization', `Bearer ${m.token}`)
        : request(ctx.app).get('/api/v1/questionnaires')
      )
        .expect(200)
        .then((r) => r.body.questionnaires.map((q: { slug: string }) => q.slug));
    expect(await list(insider)).to.deep.equal(['della-rete']);
    expect(await list(outsider)).to.deep.equal([]);
    expect(await list(null)).to.deep.equal([]);
    await request(ctx.app)
      .get('/api/v1/questionnaires/della-rete')
      .set('Authorization', `Bearer ${outsider.token}`)
      .expect(404);
    await answer(ctx, outsider, 'della-rete', { answers: { l1: 3 } }).expect(404);
    const done = await answer(ctx, insider, 'della-rete', { answers: { l1: 3, s1: 'no', n1: 2 }, submit: true }).expect(
      201,
    );
    expect(done.body.response.status).to.equal('submitted');
    const found = await request(ctx.app).get('/api/v1/search?q=questionario').expect(200);
    expect(found.body.results.filter((r: { type: string }) => r.type === 'questionnaire')).to.deep.equal([]);
    expect((await request(ctx.app).get('/sitemap.xml').expect(200)).text).not.to.contain('della-rete');
    expect((await request(ctx.app).get('/').expect(200)).text).not.to.contain('della-rete');
  });
});
