import { expect } from 'chai';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import {
  bookletCourses,
  competenceAreas,
  competenceProfiles,
  competences,
  courses,
  users,
} from '../../../models/schema.ts';
import { ROOT_DIR } from '../../../server/config.ts';
import { seedBookletDemo } from '../../../server/demo/seed-booklet.ts';
import { seedCourseDemo } from '../../../server/demo/seed-courses.ts';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../../../server/demo/seed.ts';
import { importCoursesOnFirstStart } from '../../../server/features/courses/courses.import.ts';
import { recordedEvents } from '../../helpers/booklet.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, signedInAgent } from '../../helpers/http.ts';

/** The demo's codes in the repertory (reference data in the product; written here when missing). */
async function demoRepertory(ctx: TestContext): Promise<void> {
  const db = ctx.database.db;
  const codes = (await db.select({ competences: courses.competences }).from(courses)).flatMap((c) => c.competences);
  await db
    .insert(competenceProfiles)
    .values({ code: 'DEMO', title: 'Operatore dei servizi per il lavoro' })
    .onConflictDoNothing();
  const [profile] = await db.select().from(competenceProfiles).where(eq(competenceProfiles.code, 'DEMO'));
  await db
    .insert(competenceAreas)
    .values({ code: 'DEMO.A', profileId: profile!.id, title: 'Servizi per il lavoro' })
    .onConflictDoNothing();
  const [area] = await db.select().from(competenceAreas).where(eq(competenceAreas.code, 'DEMO.A'));
  await db
    .insert(competences)
    .values(codes.map((c) => ({ code: c.code, title: c.title, areaId: area!.id, eqfLevel: 5 })))
    .onConflictDoNothing();
}

describe('booklet demo content', function () {
  this.timeout(90_000);

  async function demo(withRepertory: boolean): Promise<TestContext> {
    const ctx = await testContext();
    await seedDemoIfEmpty(ctx);
    await importCoursesOnFirstStart(ctx, path.join(ROOT_DIR, 'courses'));
    if (withRepertory) await demoRepertory(ctx);
    await seedCourseDemo(ctx);
    // Without: the shipped repertory (reference data every database holds) emptied, as an admin could.
    if (!withRepertory)
      await ctx.database.exec('DELETE FROM competences; DELETE FROM competence_areas; DELETE FROM competence_profiles');
    return ctx;
  }

  it('gives demo members booklets: course entries, experiences, one recognition validated and one pending, one visible profile', async () => {
    const ctx = await demo(true);
    expect(await seedBookletDemo(ctx)).to.deep.equal({ experiences: 4, recognitions: 2 });
    expect(await seedBookletDemo(ctx)).to.deep.equal({ experiences: 0, recognitions: 0 });
    // Every completed demo course has its entry.
    const [{ n } = { n: 0 }] = await ctx.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM course_enrolments WHERE completed_at IS NOT NULL',
    );
    expect(n).to.be.greaterThan(0);
    expect(await ctx.database.db.select().from(bookletCourses)).to.have.length(n);

    const [domenico] = await ctx.database.db.select().from(users).where(eq(users.handle, 'domenico.fiumara'));
    const auth = { authorization: `Bearer ${await apiToken(ctx.app, domenico!.email, DEMO_PASSWORD)}` };
    const booklet = (await request(ctx.app).get('/api/v1/booklet').set(auth).expect(200)).body;
    expect(booklet.declared[0].title).to.contain('Libretto formativo del cittadino');
    expect(booklet.declared[0].locked).to.equal(true);
    const recognised = booklet.competences.find((c: { code: string }) => c.code === 'SPI.CMP.03');
    expect(recognised).to.deep.include({ sources: ['declared', 'validated'], level: 5 });
    const requestId = recognised.validation.id;
    const detail = (
      await request(ctx.app).get(`/api/v1/booklet/validation-requests/${requestId}`).set(auth).expect(200)
    ).body;
    expect(detail.validationRequest.steps.map((s: { action: string }) => s.action)).to.deep.equal([
      'requested',
      'more_info',
      'answered',
      'validated',
    ]);
    const [event] = await recordedEvents(ctx, 'competence.validated');
    expect(event!.payload).to.deep.include({ validationId: requestId, userId: domenico!.id, level: 5 });
    // The certificate is a real PDF, readable by its owner.
    const pdf = await request(ctx.app).get(booklet.declared[0].evidence[0].url).set(auth).expect(200);
    expect(pdf.headers['content-type']).to.equal('application/pdf');
    // The pending one is in the animators' queue; the visible profile shows the competences.
    const animator = await signedInAgent(ctx.app, 'lucia.ferraro@formez.example.org', DEMO_PASSWORD);
    const queue = await animator.get('/libretto/riconoscimenti/da-valutare').expect(200);
    expect(queue.text).to.contain('Teresa Gallo').and.contain('SPI.ACC.01');
    const profile = await request(ctx.app).get(`/membri/${domenico!.id}`).expect(200);
    expect(profile.text).to.contain('SPI.CMP.03').and.contain('riconosciuta');
    const feed = await request(ctx.app).get('/attivita').expect(200);
    expect(feed.text).to.contain('ha ottenuto il riconoscimento della competenza');
  });

  it('seeds the experiences without competences or recognitions when the repertory lacks the codes', async () => {
    const ctx = await demo(false);
    expect(await seedBookletDemo(ctx)).to.deep.equal({ experiences: 4, recognitions: 0 });
    const agent = await signedInAgent(ctx.app, 'teresa.gallo@cpi-cosenza.example.org', DEMO_PASSWORD);
    expect((await agent.get('/libretto').expect(200)).text).to.contain(
      'Tutor dei nuovi operatori dell&#x27;accoglienza',
    );
  });
});
