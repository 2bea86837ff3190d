import { expect } from 'chai';
import request from 'supertest';
import { seedDemoIfEmpty } from '../../../server/demo/seed.ts';
import { testContext } from '../../helpers/context.ts';

describe('demo twinnings', function () {
  this.timeout(120_000);

  it('seeds Tos.Ca. with its five models, milestones, participants and discussion, and twinnings in other states', async () => {
    const ctx = await testContext();
    await seedDemoIfEmpty(ctx);
    const slug = 'tos-ca-valorizzare-le-competenze-dei-cittadini';
    const t = (await request(ctx.app).get(`/api/v1/twinnings/${slug}`).expect(200)).body.twinning;
    expect(t.status).to.equal('in_progress');
    expect(t.models.map((m: { code: string }) => m.code)).to.deep.equal(['A', 'B', 'C', 'D', 'E']);
    expect(t.offering.map((o: { slug: string }) => o.slug)).to.deep.equal(['regione-toscana', 'comune-di-firenze']);
    expect(t.receiving.map((o: { slug: string }) => o.slug)).to.deep.equal([
      'regione-calabria',
      'comune-di-vibo-valentia',
    ]);
    expect(t.participantCount).to.equal(10);
    expect(t.progress.total).to.be.greaterThan(10);
    expect(t.progress.done).to.be.within(1, t.progress.total - 1);
    expect(t.timeline.some((m: { state: string }) => m.state === 'late')).to.equal(true);
    expect(t.events).to.have.length.greaterThan(0);

    const list = (await request(ctx.app).get('/api/v1/twinnings').expect(200)).body;
    // The proposal is not public.
    expect(list.twinnings.map((x: { status: string }) => x.status).sort()).to.deep.equal([
      'approved',
      'closed',
      'in_progress',
    ]);
    const page = await request(ctx.app).get(`/gemellaggi/${slug}`).expect(200);
    expect(page.text).to.contain('10 partecipanti').and.contain('Modello E: Servizi per la prima infanzia');
    const home = await request(ctx.app).get('/').expect(200);
    expect(home.text).to.contain('Ultimi gemellaggi').and.contain(`/gemellaggi/${slug}`);
    // The discussion space is for participants: its general discussion has posts, hidden from others.
    const thread = t.discussionUrl as string;
    await request(ctx.app).get(thread).expect(404);
    const [posts] = await ctx.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM posts p JOIN threads th ON th.id = p.thread_id
        JOIN twinnings tw ON tw.group_id = th.group_id WHERE tw.slug = $1`,
      [slug],
    );
    expect(posts!.n).to.be.greaterThan(5);
    const search = (await request(ctx.app).get('/api/v1/search?q=Tos.Ca.&type=twinning').expect(200)).body;
    expect(search.results.map((r: { url: string }) => r.url)).to.include(`/gemellaggi/${slug}`);
  });
});
