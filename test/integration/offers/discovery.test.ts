// The catalogue beyond its own pages: the site search, the sitemap, the activity feed's filter and
// the platform's courses beside the providers' offers.
import { expect } from 'chai';
import request from 'supertest';
import { insertOrganization } from '../../../models/queries/organizations.ts';
import { issueIntegrationToken } from '../../../server/features/accounts/tokens.service.ts';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { until } from '../../helpers/wait.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('training offers in search, sitemap and feed', () => {
  let ctx: TestContext;
  let token: string;
  beforeEach(async () => {
    ctx = await testContext();
    const admin = await createUser(ctx, { role: 'admin' });
    const org = await insertOrganization(ctx.database.db, {
      name: 'Scuola Edile di Pescara',
      slug: 'scuola-edile-pescara',
      kind: 'other',
      region: 'Abruzzo',
      verified: true,
    });
    ({ token } = await issueIntegrationToken(ctx, admin, {
      system: 'Gestionale corsi',
      organization: org.slug,
      scopes: ['read', 'write'],
      expiresInDays: 30,
    }));
  });

  const publish = (o: Record<string, unknown>) =>
    request(ctx.app)
      .post('/api/v1/training-offers')
      .set({ authorization: `Bearer ${token}` })
      .send({ province: 'PE', town: 'Pescara', hours: 80, theme: 'formazione', ...o })
      .expect(201);

  it('is found by the site search and listed in the sitemap while live, and leaves both once expired', async () => {
    const live = await publish({ externalId: 'L', title: 'Carpenteria metallica', startsOn: day(3), endsOn: day(50) });
    const old = await publish({ externalId: 'O', title: 'Carpenteria in legno', startsOn: day(-50), endsOn: day(-3) });
    const search = await request(ctx.app).get('/api/v1/search').query({ q: 'carpenteria' }).expect(200);
    const hits = (search.body.results as { type: string; url: string }[]).filter((r) => r.type === 'training_offer');
    expect(hits.map((h) => h.url)).to.deep.equal([`/offerta-formativa/${live.body.offer.id}`]);

    const sitemap = await request(ctx.app).get('/sitemap.xml').expect(200);
    expect(sitemap.text).to.contain('/offerta-formativa</loc>');
    expect(sitemap.text).to.contain(`/offerta-formativa/${live.body.offer.id}</loc>`);
    expect(sitemap.text).not.to.contain(`/offerta-formativa/${old.body.offer.id}</loc>`);
  });

  it('tells the feed, under the courses filter', async () => {
    const { body } = await publish({
      externalId: 'F',
      title: 'Ponteggi in sicurezza',
      startsOn: day(3),
      endsOn: day(9),
    });
    await until('the activity is recorded', async () => {
      const rows = await ctx.database.query("SELECT 1 FROM activities WHERE type = 'training_offer.published'");
      return rows.length === 1;
    });
    const feed = await request(ctx.app).get('/attivita').query({ tipo: 'corsi' }).expect(200);
    const items = feed.text;
    expect(items).to.contain('Ponteggi in sicurezza');
    expect(items).to.contain(`/offerta-formativa/${body.offer.id}`);
  });
});
