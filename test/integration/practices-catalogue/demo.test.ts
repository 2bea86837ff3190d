// The demo's reuses and stories: seeded for the demo practices that exist and are published, once;
// an owner's or an unknown administration's declaration and unknown component codes are left out.
import { expect } from 'chai';
import request from 'supertest';
import { eq } from 'drizzle-orm';
import { organizations } from '../../../models/schema.ts';
import { demoContent } from '../../../server/demo/data.ts';
import { practices as demoPractices } from '../../../server/demo/practices-data.ts';
import { seedPracticeReuses } from '../../../server/demo/seed-practice-reuses.ts';
import { seedDemoIfEmpty } from '../../../server/demo/seed.ts';
import type { DemoPractice } from '../../../server/demo/types.ts';
import { testContext } from '../../helpers/context.ts';
import { createPractice } from '../../helpers/practices.ts';

type Reuse = DemoPractice['reuses'][number];
const reuse = (organization: string, declaredBy: string, extra: Partial<Reuse> = {}): Reuse => ({
  organization,
  declaredBy,
  status: 'reused',
  startedOn: '2023-03-01',
  components: ['A', 'B', 'Z'],
  adaptationNotes: 'Adattato ai CPI calabresi.',
  outcome: 'Trecento operatori formati.',
  daysAgo: 30,
  ...extra,
});

/** Only what the reuse seeding reads of a demo practice. */
const demo = (slug: string, reuses: Reuse[], stories: DemoPractice['stories']) =>
  ({ slug, reuses, stories }) as unknown as DemoPractice;

describe('practices: demo reuses and stories', () => {
  it('seeds the published demo practices once, leaving out what could not be declared', async function () {
    this.timeout(60_000);
    const ctx = await testContext();
    await seedDemoIfEmpty(ctx);
    // This test seeds its own practices' data: the demo's practices (and their reuses) out of the way.
    await ctx.database.exec('DELETE FROM practices');
    const db = ctx.database.db;
    const [toscana] = await db.select().from(organizations).where(eq(organizations.slug, 'regione-toscana'));
    await createPractice(ctx, { slug: 'trio-e-learning', title: 'TRIO', organization: toscana! });
    await createPractice(ctx, { slug: 'bozza-demo', status: 'draft', organization: toscana! });
    const data = [
      demo(
        'trio-e-learning',
        [
          reuse('regione-calabria', 'francesco.romeo'),
          reuse('cpi-cosenza', 'teresa.gallo', { status: 'reusing', components: ['C'] }),
          reuse('regione-toscana', 'elena.bartolini'),
          reuse('ente-che-non-esiste', 'teresa.gallo'),
        ],
        [
          {
            author: 'mariagrazia.scalise',
            title: 'TRIO in Calabria',
            body: 'Abbiamo formato **trecento** operatori.',
            status: 'published',
            daysAgo: 20,
          },
          {
            author: 'roberto.dangelo',
            title: 'In attesa',
            body: 'Una storia ancora da moderare.',
            status: 'pending',
            daysAgo: 2,
          },
        ],
      ),
      demo('bozza-demo', [reuse('regione-calabria', 'francesco.romeo')], []),
      demo('non-pubblicata', [reuse('regione-calabria', 'francesco.romeo')], []),
    ];
    const now = Date.now();
    await db.transaction((tx) =>
      seedPracticeReuses(tx, demoContent, data, now).then((c) => expect(c).to.deep.equal({ reuses: 2, stories: 2 })),
    );
    await db.transaction((tx) =>
      seedPracticeReuses(tx, demoContent, data, now).then((c) => expect(c).to.deep.equal({ reuses: 0, stories: 0 })),
    );

    const rows = await ctx.database.query<Record<string, unknown>>(`
      SELECT o.slug, r.status, r.components, p.reuse_count FROM practice_reuses r
        JOIN organizations o ON o.id = r.organization_id JOIN practices p ON p.id = r.practice_id ORDER BY o.slug`);
    expect(rows).to.deep.equal([
      { slug: 'cpi-cosenza', status: 'reusing', components: ['C'], reuse_count: 2 },
      { slug: 'regione-calabria', status: 'reused', components: ['A', 'B'], reuse_count: 2 },
    ]);
    const stories = await ctx.database.query<Record<string, unknown>>(
      'SELECT title, status, body_html, moderated_at IS NOT NULL AS moderated FROM practice_stories ORDER BY id',
    );
    expect(stories).to.deep.equal([
      {
        title: 'TRIO in Calabria',
        status: 'published',
        body_html: '<p>Abbiamo formato <strong>trecento</strong> operatori.</p>\n',
        moderated: true,
      },
      { title: 'In attesa', status: 'pending', body_html: '<p>Una storia ancora da moderare.</p>\n', moderated: false },
    ]);
    const api = await request(ctx.app).get('/api/v1/practices?hasReuses=true').expect(200);
    expect(api.body.practices.map((p: any) => [p.slug, p.reuseCount])).to.deep.equal([['trio-e-learning', 2]]);
  });

  it("seeds every reuse and story of the demo's public practices (the data names only what can be declared)", async function () {
    this.timeout(60_000);
    const ctx = await testContext();
    // seedPractices writes the demo's practices, then seedPracticeReuses their reuses and stories.
    await seedDemoIfEmpty(ctx);
    const db = ctx.database.db;
    const shown = demoPractices.filter((d) => d.status === 'published' || d.status === 'archived');
    const expected = {
      reuses: shown.reduce((n, d) => n + d.reuses.length, 0),
      stories: shown.reduce((n, d) => n + d.stories.length, 0),
    };
    expect(expected.reuses).to.be.greaterThan(10);
    const [seeded] = await ctx.database.query<{ reuses: number; stories: number }>(
      'SELECT (SELECT count(*)::int FROM practice_reuses) AS reuses, (SELECT count(*)::int FROM practice_stories) AS stories',
    );
    expect(seeded).to.deep.equal(expected);
    // Once: a second run writes nothing.
    const again = await db.transaction((tx) => seedPracticeReuses(tx, demoContent, demoPractices, Date.now()));
    expect(again).to.deep.equal({ reuses: 0, stories: 0 });
    const perPractice = await ctx.database.query<{ slug: string; reuse_count: number }>(
      'SELECT slug, reuse_count FROM practices ORDER BY slug',
    );
    expect(perPractice).to.deep.equal(
      demoPractices
        .map((d) => ({ slug: d.slug, reuse_count: shown.includes(d) ? d.reuses.length : 0 }))
        .sort((a, b) => a.slug.localeCompare(b.slug)),
    );
  });
});
