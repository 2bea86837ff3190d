// GET /api/v1/stats on a known network (dataset.ts): every figure of March 2026 by week, exactly;
// the ranking's private group hidden from an animator who may not see it; who may ask; bad periods.
import { expect } from 'chai';
import request from 'supertest';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken } from '../../helpers/http.ts';
import { buildNetwork, PERIOD, WEEKS, type Network } from './dataset.ts';

describe('monitoring: GET /api/v1/stats', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let net: Network;
  let token: string;
  const stats = (query: string, bearer = token) =>
    request(ctx.app).get(`/api/v1/stats?${query}`).set('Authorization', `Bearer ${bearer}`);
  const march = `from=${PERIOD.from}&to=${PERIOD.to}`;

  before(async () => {
    ctx = await testContext();
    net = await buildNetwork(ctx);
    token = await apiToken(ctx.app, net.animator.email, net.animator.password);
  });

  it('answers the period by week, every bucket listed', async () => {
    const res = await stats(march).expect(200);
    expect(res.body.period).to.deep.equal({ from: PERIOD.from, to: PERIOD.to, bucket: 'week', buckets: WEEKS });
  });

  it('counts members: total at the end, new per Italian week (the summer-time night included), active in the last 30 days', async () => {
    const { members } = (await stats(march).expect(200)).body;
    expect(members).to.deep.equal({
      total: 5,
      new: 3,
      active: 4,
      series: [
        { bucket: '2026-03-02', new: 1, total: 3 },
        { bucket: '2026-03-09', new: 1, total: 4 },
        { bucket: '2026-03-16', new: 0, total: 4 },
        { bucket: '2026-03-23', new: 1, total: 5 },
      ],
    });
  });

  it('ranks the most active groups by posts in the period', async () => {
    const { groups } = (await stats(march).expect(200)).body;
    expect(groups).to.deep.equal([
      {
        rank: 1,
        slug: net.groups.g3,
        name: 'Cabina di regia riservata',
        visibility: 'private',
        hidden: false,
        posts: 5,
        threads: 1,
        authors: 1,
        activeThreads: 1,
        members: 1,
      },
      {
        rank: 2,
        slug: net.groups.g1,
        name: 'Comunità SPI',
        visibility: 'public',
        hidden: false,
        posts: 4,
        threads: 1,
        authors: 3,
        activeThreads: 1,
        members: 3,
      },
      {
        rank: 3,
        slug: net.groups.g2,
        name: 'Rete degli osservatori',
        visibility: 'public',
        hidden: false,
        posts: 2,
        threads: 1,
        authors: 2,
        activeThreads: 1,
        members: 3,
      },
    ]);
  });

  it("hides a private group's name and slug from an animator who may not see it, not its figures", async () => {
    const outsider = await apiToken(ctx.app, net.outsider.email, net.outsider.password);
    const { groups } = (await stats(march, outsider).expect(200)).body;
    expect(groups[0]).to.include({ rank: 1, slug: null, name: null, hidden: true, posts: 5 });
    expect(JSON.stringify(groups)).not.to.contain('Cabina di regia');
    const admin = await apiToken(ctx.app, net.admin.email, net.admin.password);
    expect((await stats(march, admin).expect(200)).body.groups[0]).to.include({ name: 'Cabina di regia riservata' });
  });

  it('counts discussions and replies per week', async () => {
    const { discussions } = (await stats(march).expect(200)).body;
    expect(discussions).to.deep.equal({
      threads: 3,
      replies: 8,
      posts: 11,
      activeThreads: 3,
      series: [
        { bucket: '2026-03-02', threads: 1, replies: 1 },
        { bucket: '2026-03-09', threads: 1, replies: 2 },
        { bucket: '2026-03-16', threads: 1, replies: 2 },
        { bucket: '2026-03-23', threads: 0, replies: 3 },
      ],
    });
  });

  it('counts course enrolments and completions, the completion rate of the period’s enrolments and the quiz pass rate', async () => {
    const { courses } = (await stats(march).expect(200)).body;
    expect(courses).to.deep.equal({
      enrolments: 4,
      completions: 2,
      completionRate: 25,
      cohort: { enrolled: 4, completed: 1 },
      quizAttempts: 5,
      quizTakers: 4,
      quizPassed: 3,
      quizPassRate: 75,
      series: [
        { bucket: '2026-03-02', enrolments: 1, completions: 1 },
        { bucket: '2026-03-09', enrolments: 1, completions: 0 },
        { bucket: '2026-03-16', enrolments: 1, completions: 1 },
        { bucket: '2026-03-23', enrolments: 1, completions: 0 },
      ],
    });
  });

  it('counts practices published, reuses declared and stories published', async () => {
    const { practices } = (await stats(march).expect(200)).body;
    expect(practices).to.deep.equal({
      published: 2,
      reused: 2,
      stories: 2,
      series: [
        { bucket: '2026-03-02', published: 1, reused: 0, stories: 0 },
        { bucket: '2026-03-09', published: 0, reused: 1, stories: 1 },
        { bucket: '2026-03-16', published: 1, reused: 0, stories: 0 },
        { bucket: '2026-03-23', published: 0, reused: 1, stories: 1 },
      ],
    });
  });

  it('counts Cerco / Offro posts, matches taken up and conversations', async () => {
    const { exchange } = (await stats(march).expect(200)).body;
    expect(exchange).to.deep.equal({
      posts: 3,
      cerco: 1,
      offro: 2,
      matches: 2,
      conversations: 3,
      series: [
        { bucket: '2026-03-02', cerco: 1, offro: 0, matches: 0, conversations: 1 },
        { bucket: '2026-03-09', cerco: 0, offro: 1, matches: 0, conversations: 0 },
        { bucket: '2026-03-16', cerco: 0, offro: 1, matches: 1, conversations: 1 },
        { bucket: '2026-03-23', cerco: 0, offro: 0, matches: 1, conversations: 1 },
      ],
    });
  });

  it('counts event registrations and attendance', async () => {
    const { events } = (await stats(march).expect(200)).body;
    expect(events).to.deep.equal({
      registrations: 5,
      held: 2,
      registeredAtHeld: 5,
      attended: 3,
      attendanceRate: 60,
      series: [
        { bucket: '2026-03-02', registrations: 2, attended: 0 },
        { bucket: '2026-03-09', registrations: 0, attended: 2 },
        { bucket: '2026-03-16', registrations: 2, attended: 0 },
        { bucket: '2026-03-23', registrations: 1, attended: 1 },
      ],
    });
  });

  it('counts twinnings by status, those started, and the milestones due in the period that are done', async () => {
    const { twinnings } = (await stats(march).expect(200)).body;
    expect(twinnings).to.deep.equal({
      total: 3,
      started: 2,
      byStatus: { in_progress: 1, approved: 1, proposed: 1 },
      milestones: { total: 3, done: 2 },
      milestoneProgress: 66.7,
      series: [
        { bucket: '2026-03-02', started: 1 },
        { bucket: '2026-03-09', started: 0 },
        { bucket: '2026-03-16', started: 1 },
        { bucket: '2026-03-23', started: 0 },
      ],
    });
  });

  it('counts by month over a longer period, with the same totals', async () => {
    const res = await stats('from=2026-01-01&to=2026-12-31').expect(200);
    expect(res.body.period.bucket).to.equal('month');
    expect(res.body.period.buckets).to.have.length(12);
    const march = res.body.discussions.series.find((s: { bucket: string }) => s.bucket === '2026-03-01');
    // March by month also holds the reply of 30 March (00:30 in Italy).
    expect(march).to.deep.equal({ bucket: '2026-03-01', threads: 3, replies: 9 });
    expect(res.body.discussions.series.find((s: { bucket: string }) => s.bucket === '2026-02-01')).to.deep.equal({
      bucket: '2026-02-01',
      threads: 1,
      replies: 0,
    });
  });

  it('refuses members (403) and anonymous callers (401)', async () => {
    const member = await apiToken(ctx.app, net.member.email, net.member.password);
    const forbidden = await stats(march, member).expect(403);
    expect(forbidden.body.error.code).to.equal('forbidden');
    const anonymous = await request(ctx.app).get(`/api/v1/stats?${march}`).expect(401);
    expect(anonymous.body.error.code).to.equal('unauthorized');
  });

  it('refuses bad periods with a 400 and an Italian message naming the field', async () => {
    const reversed = await stats('from=2026-03-29&to=2026-03-02').expect(400);
    expect(reversed.body.error.code).to.equal('validation');
    expect(reversed.body.error.message).to.match(/inizio del periodo deve venire prima/);
    expect(reversed.body.error.fields).to.have.property('from');

    const long = await stats('from=2020-01-01&to=2025-01-01').expect(400);
    expect(long.body.error.message).to.match(/al massimo 5 anni/);
    expect(long.body.error.fields).to.have.property('to');
    await stats('from=2020-01-01&to=2024-12-31').expect(200);

    const badDay = await stats('from=2026-02-30&to=2026-03-29').expect(400);
    expect(badDay.body.error.message).to.match(/Data non valida/);
    expect(badDay.body.error.fields).to.have.property('from');
    await stats('from=ieri&to=2026-03-29').expect(400);
    const bucket = await stats(`${march}&bucket=year`).expect(400);
    expect(bucket.body.error.fields).to.have.property('bucket');
  });
});
