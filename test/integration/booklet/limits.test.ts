// What keeps one person's booklet from costing everyone else: a cap on declared experiences (counted
// under a lock), PDF wrapping that stays linear on unbroken text, and a per-person pace for the PDF.
import { expect } from 'chai';
import request from 'supertest';
import { bookletExperiences } from '../../../models/schema.ts';
import { breakable, renderBookletPdf } from '../../../server/features/booklet/booklet.pdf.ts';
import { MAX_EXPERIENCES } from '../../../server/features/booklet/booklet.experiences.service.ts';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, signedInAgent } from '../../helpers/http.ts';
import { pdfText } from '../../helpers/pdf.ts';

describe('booklet: limits', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it(`refuses an experience past the ${MAX_EXPERIENCES}th (409), also when they arrive at once`, async () => {
    const owner = await createUser(ctx);
    const rows = Array.from({ length: MAX_EXPERIENCES - 2 }, (_, i) => ({
      userId: owner.id,
      kind: 'informal' as const,
      title: `Esperienza ${i + 1}`,
      startedOn: '2024-01-01',
    }));
    await ctx.database.db.insert(bookletExperiences).values(rows);
    const token = await apiToken(ctx.app, owner.email, owner.password);
    const sent = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        request(ctx.app)
          .post('/api/v1/booklet/experiences')
          .set('Authorization', `Bearer ${token}`)
          .send({ kind: 'informal', title: `In più ${i}`, startedOn: '2025-01-01' }),
      ),
    );
    expect(sent.map((r) => r.status).sort()).to.deep.equal([201, 201, 409, 409]);
    expect(sent.find((r) => r.status === 409)!.body.error.message).to.contain('200 esperienze');
    const [count] = await ctx.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM booklet_experiences WHERE user_id = $1',
      [owner.id],
    );
    expect(count!.n).to.equal(MAX_EXPERIENCES);
  });

  it('lets the PDF break unbroken runs of text, so long ones lay out quickly and still read whole', async () => {
    expect(breakable('corto e normale')).to.equal('corto e normale');
    const run = 'x'.repeat(100);
    expect(breakable(run)).to.equal(`${'x'.repeat(40)}\u00AD${'x'.repeat(40)}\u00AD${'x'.repeat(20)}`);
    const word = 'a'.repeat(5000);
    const booklet = {
      person: { name: 'Prova Lunga', organization: null, jobTitle: '', region: '' },
      entries: [],
      competences: [],
      requests: [],
      declared: Array.from({ length: 40 }, () => ({
        title: word,
        kind: 'informal',
        place: word,
        startedOn: '2024-01-01',
        endedOn: null,
        hours: null,
        description: word,
        competences: [],
        evidence: [],
      })),
    };
    const t = ((k: string) => k) as never;
    // How long it takes is measured by bench/booklet-pdf.ts; here, that it renders and reads whole.
    const pdf = await renderBookletPdf(booklet as never, [], { platform: 'Rete SPI', url: 'http://x', t, lang: 'it' });
    expect(pdfText(pdf)).to.contain('Prova Lunga');
  });

  it('serves the PDF at most ten times a minute to one person (429 after)', async () => {
    const owner = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, owner.email, owner.password);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await agent.get('/libretto/libretto.pdf')).status);
    expect(statuses.slice(0, 10)).to.deep.equal(Array(10).fill(200));
    expect(statuses[10]).to.equal(429);
    // Someone else is not slowed down by it.
    const other = await createUser(ctx);
    await (await signedInAgent(ctx.app, other.email, other.password)).get('/libretto/libretto.pdf').expect(200);
  });
});
