import { expect } from 'chai';
import request from 'supertest';
import { practices as demoPractices } from '../../../server/demo/practices-data.ts';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../../../server/demo/seed.ts';
import { demoContent } from '../../../server/demo/data.ts';
import { testContext } from '../../helpers/context.ts';
import { signedInAgent } from '../../helpers/http.ts';

describe('practices: demo content', () => {
  it('seeds the practices as their lifecycle left them: log, protocol, versions, feed', async function () {
    this.timeout(60_000);
    const ctx = await testContext();
    await seedDemoIfEmpty(ctx);
    const rows = await ctx.database.query<{ slug: string; status: string; version: number; score: number | null }>(
      'SELECT slug, status, version, validation_score::float AS score FROM practices ORDER BY id',
    );
    expect(rows.map((r) => r.slug)).to.deep.equal(demoPractices.map((p) => p.slug));
    const trio = demoPractices.find((p) => p.status === 'published')!;
    expect(rows.find((r) => r.slug === trio.slug)).to.deep.equal({
      slug: trio.slug,
      status: 'published',
      version: 1 + (trio.revisions?.length ?? 0),
      score: 3.5,
    });

    // Every practice's log is a chain of moves in time order, from draft to its status.
    const log = await ctx.database.query<{ slug: string; from_status: string; to_status: string; at: Date }>(
      `SELECT p.slug, t.from_status, t.to_status, t.created_at AS at FROM practice_transitions t
         JOIN practices p ON p.id = t.practice_id ORDER BY p.id, t.id`,
    );
    for (const p of rows) {
      const moves = log.filter((l) => l.slug === p.slug);
      expect(moves[0]?.from_status ?? 'draft').to.equal('draft');
      moves.forEach((m, i) => {
        if (i > 0) {
          expect(m.from_status).to.equal(moves[i - 1]!.to_status);
          expect(m.at.getTime()).to.be.at.least(moves[i - 1]!.at.getTime());
        }
      });
      expect(moves.at(-1)?.to_status ?? 'draft').to.equal(p.status);
    }

    // Anyone reads the published one with its protocol and its earlier version; the one in review stays hidden.
    const page = await request(ctx.app).get(`/buone-pratiche/${trio.slug}`).expect(200);
    expect(page.text)
      .to.contain('Validata da Lucia Ferraro')
      .and.contain('<strong>4/4</strong>')
      .and.contain('non valutato');
    const v1 = await request(ctx.app).get(`/buone-pratiche/${trio.slug}/versioni/1`).expect(200);
    expect(v1.text).not.to.contain('la piattaforma è stata trasferita alla Regione Calabria');
    const v2 = await request(ctx.app).get(`/buone-pratiche/${trio.slug}/versioni/2`).expect(200);
    expect(v2.text).to.contain('<dt>Risultati</dt>').and.contain('Aggiornati i risultati');
    const submitted = demoPractices.find((p) => p.status === 'submitted')!;
    await request(ctx.app).get(`/buone-pratiche/${submitted.slug}`).expect(404);
    const animator = demoContent.members.find((m) => m.key === 'lucia.ferraro')!;
    const agent = await signedInAgent(ctx.app, animator.email, DEMO_PASSWORD);
    expect((await agent.get('/buone-pratiche/da-validare').expect(200)).text).to.contain(submitted.title);

    const feed = await ctx.database.query<{ type: string; title: string }>(
      `SELECT type, object_title AS title FROM activities WHERE object_type = 'practice' ORDER BY id`,
    );
    expect(feed).to.deep.equal([
      { type: 'practice.validated', title: trio.title },
      { type: 'practice.published', title: trio.title },
    ]);
  });
});
