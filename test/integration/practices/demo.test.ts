import { expect } from 'chai';
import request from 'supertest';
import { practices as demoPractices } from '../../../server/demo/practices-data.ts';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../../../server/demo/seed.ts';
import { demoContent } from '../../../server/demo/data.ts';
import { testContext } from '../../helpers/context.ts';
import { signedInAgent } from '../../helpers/http.ts';

const nameOf = (key: string) => demoContent.members.find((m) => m.key === key)!.name;
const PUBLIC = ['published', 'archived'];

describe('practices: demo content', () => {
  it('seeds the practices as their lifecycle left them: log, protocol, versions, feed', async function () {
    this.timeout(60_000);
    const ctx = await testContext();
    await seedDemoIfEmpty(ctx);
    const rows = await ctx.database.query<{ slug: string; status: string; version: number; score: number | null }>(
      'SELECT slug, status, version, validation_score::float AS score FROM practices ORDER BY id',
    );
    expect(rows.map((r) => r.slug)).to.deep.equal(demoPractices.map((p) => p.slug));
    for (const d of demoPractices) {
      const row = rows.find((r) => r.slug === d.slug)!;
      const scores = Object.values(d.validation?.scores ?? {}).map((s) => s.score);
      const mean = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null;
      expect(row, d.slug).to.deep.equal({
        slug: d.slug,
        status: d.status,
        version: PUBLIC.includes(d.status) ? 1 + (d.revisions?.length ?? 0) : 0,
        score: d.validation ? mean : null,
      });
    }

    // Every practice's log is a chain of moves in time order, from draft to its status.
    const log = await ctx.database.query<{ slug: string; from_status: string; to_status: string; at: Date }>(
      `SELECT p.slug, t.from_status, t.to_status, t.created_at AS at FROM practice_transitions t
         JOIN practices p ON p.id = t.practice_id ORDER BY p.id, t.id`,
    );
    for (const p of rows) {
      const moves = log.filter((l) => l.slug === p.slug);
      expect(moves[0]?.from_status ?? 'draft').to.equal('draft');
      moves.forEach((m, i) => {
        if (i === 0) return;
        expect(m.from_status, p.slug).to.equal(moves[i - 1]!.to_status);
        expect(m.at.getTime(), p.slug).to.be.at.least(moves[i - 1]!.at.getTime());
      });
      expect(moves.at(-1)?.to_status ?? 'draft').to.equal(p.status);
    }
    const returned = demoPractices.find((d) => d.returned)!;
    expect(log.filter((l) => l.slug === returned.slug).map((l) => l.to_status)).to.include('draft');

    // Anyone reads a published one with its protocol; a revised one keeps its earlier versions.
    const published = demoPractices.find((d) => d.status === 'published' && d.validation)!;
    const page = await request(ctx.app).get(`/buone-pratiche/${published.slug}`).expect(200);
    expect(page.text).to.contain(`Validata sulla versione 1 da ${nameOf(published.validation!.validator)}`);
    const [first] = Object.values(published.validation!.scores);
    expect(page.text).to.contain(`<strong>${first!.score}/4</strong>`);
    const revised = demoPractices.find((d) => d.status === 'published' && d.revisions?.length)!;
    const revision = revised.revisions![0]!;
    const v2 = await request(ctx.app).get(`/buone-pratiche/${revised.slug}/versioni/2`).expect(200);
    expect(v2.text).to.contain('Modifiche rispetto alla versione 1').and.contain(revision.note.replace(/'/g, '&#x27;'));
    // Its protocol judged version 1: the page says the practice changed since.
    const revisedPage = await request(ctx.app).get(`/buone-pratiche/${revised.slug}`).expect(200);
    expect(revisedPage.text).to.contain(
      `La pratica è stata modificata dopo la validazione (versione attuale ${revised.revisions!.length + 1})`,
    );

    // The ones in review or in draft stay with their people.
    for (const d of demoPractices.filter((x) => !PUBLIC.includes(x.status)))
      await request(ctx.app).get(`/buone-pratiche/${d.slug}`).expect(404);
    const submitted = demoPractices.find((d) => d.status === 'submitted')!;
    const animator = demoContent.members.find((m) => m.key === 'lucia.ferraro')!;
    const agent = await signedInAgent(ctx.app, animator.email, DEMO_PASSWORD);
    expect((await agent.get('/buone-pratiche/da-validare').expect(200)).text).to.contain(submitted.title);

    // The feed: each public practice's validation and publication, never the others'.
    const feed = await ctx.database.query<{ type: string; url: string }>(
      `SELECT type, object_url AS url FROM activities WHERE type IN ('practice.validated', 'practice.published') ORDER BY id`,
    );
    const shown = demoPractices.filter((d) => PUBLIC.includes(d.status));
    expect(
      feed
        .filter((f) => f.type === 'practice.published')
        .map((f) => f.url)
        .sort(),
    ).to.deep.equal(shown.map((d) => `/buone-pratiche/${d.slug}`).sort());
    expect(feed.filter((f) => f.type === 'practice.validated')).to.have.length(
      shown.filter((d) => d.validation).length,
    );
  });
});
