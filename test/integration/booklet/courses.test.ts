import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { bookletCourses, courseEnrolments, credentials } from '../../../models/schema.ts';
import { createUser } from '../../factories.ts';
import { completeCourse, importBookletCourse, recordedEvents, seedTestRepertory } from '../../helpers/booklet.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { signedInAgent } from '../../helpers/http.ts';

describe('booklet: learning completed on the platform', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
    await seedTestRepertory(ctx);
    await importBookletCourse(ctx);
  });

  it('writes an entry with hours, result and competences on course.completed, once however often it is delivered', async () => {
    const learner = await createUser(ctx, { name: 'Giulia Ferri' });
    const auth = await completeCourse(ctx, learner);
    const rows = await ctx.database.db.select().from(bookletCourses).where(eq(bookletCourses.userId, learner.id));
    expect(rows).to.have.length(1);
    expect(rows[0]).to.deep.include({ hours: 3, result: 'Superato – verifiche superate 1 su 1, punteggio medio 100%' });
    expect(rows[0]!.competences).to.deep.equal([
      { code: 'TBK.ACC.01', title: 'Accogliere le persone' },
      { code: 'TBK.ORI.02', title: 'Orientare al lavoro' },
    ]);
    const [enrolment] = await ctx.database.db
      .select()
      .from(courseEnrolments)
      .where(eq(courseEnrolments.userId, learner.id));
    expect(rows[0]!.completedAt.getTime()).to.equal(enrolment!.completedAt!.getTime());

    // Delivered again (at least once): nothing more is written.
    const [event] = await recordedEvents(ctx, 'course.completed');
    await ctx.bus.deliver({
      id: event!.id,
      type: 'course.completed',
      payload: event!.payload,
      occurredAt: event!.occurredAt,
    } as never);
    expect(await ctx.database.db.select().from(bookletCourses)).to.have.length(1);

    // The API contract: exactly entries, declared, competences (with the credential issued on completion).
    await ctx.settle();
    const [issued] = await ctx.database.db.select().from(credentials).where(eq(credentials.userId, learner.id));
    const body = (await request(ctx.app).get('/api/v1/booklet').set(auth).expect(200)).body;
    expect(Object.keys(body)).to.have.members(['entries', 'declared', 'competences']);
    expect(body.entries).to.deep.equal([
      {
        course: { slug: 'corso-prova', title: 'Corso di prova' },
        completedAt: enrolment!.completedAt!.toISOString(),
        hours: 3,
        competences: [
          { code: 'TBK.ACC.01', title: 'Accogliere le persone' },
          { code: 'TBK.ORI.02', title: 'Orientare al lavoro' },
        ],
        credentialId: issued!.id,
      },
    ]);
    expect(body.declared).to.deep.equal([]);
    // The summary names the repertory's titles and levels.
    expect(body.competences).to.deep.equal([
      {
        code: 'TBK.ACC.01',
        title: 'Accogliere e informare le persone in cerca di lavoro',
        sources: ['course'],
        level: 4,
        validation: null,
      },
      {
        code: 'TBK.ORI.02',
        title: "Accompagnare l'orientamento professionale",
        sources: ['course'],
        level: 5,
        validation: null,
      },
    ]);
  });

  it('links the entry to its credential when the credentials feature issued one (revoked ones are not linked)', async () => {
    const learner = await createUser(ctx);
    const auth = await completeCourse(ctx, learner);
    const [entry] = await ctx.database.db.select().from(bookletCourses);
    // A row of known content in place of the one the credentials feature issued on completion.
    await ctx.settle();
    await ctx.database.db.delete(credentials).where(eq(credentials.userId, learner.id));
    const id = randomUUID();
    const row = {
      id,
      userId: learner.id,
      kind: 'course' as const,
      courseId: entry!.courseId,
      subjectName: learner.name,
      achievementTitle: 'Corso di prova',
      keyId: 'k1',
      token: 'eyJhbGciOiJFZERTQSJ9.e30.firma',
      credential: { type: ['VerifiableCredential'] },
      issuedAt: new Date(),
    };
    await ctx.database.db.insert(credentials).values(row);
    const body = (await request(ctx.app).get('/api/v1/booklet').set(auth).expect(200)).body;
    expect(body.entries[0].credentialId).to.equal(id);
    const page = await (await signedInAgent(ctx.app, learner.email, learner.password)).get('/libretto').expect(200);
    expect(page.text).to.contain(`href="/credenziali/${id}"`);
    await ctx.database.db.update(credentials).set({ revokedAt: new Date() }).where(eq(credentials.id, id));
    expect((await request(ctx.app).get('/api/v1/booklet').set(auth).expect(200)).body.entries[0].credentialId).to.equal(
      null,
    );
  });

  it('shows the signed-in person their booklet at a glance on the home page, and visitors nothing of it', async () => {
    const learner = await createUser(ctx);
    await completeCourse(ctx, learner);
    await ctx.settle();
    const agent = await signedInAgent(ctx.app, learner.email, learner.password);
    const home = (await agent.get('/').expect(200)).text;
    expect(home)
      .to.contain('Il tuo libretto formativo')
      .and.contain('1 corso completato')
      .and.contain('0 esperienze dichiarate')
      .and.contain('1 credenziale valida')
      .and.contain('href="/libretto"');
    const anonymous = (await request(ctx.app).get('/').expect(200)).text;
    expect(anonymous).not.to.contain('Il tuo libretto formativo');
  });

  it('writes the entries of courses completed before the booklet existed when their person opens it', async () => {
    const learner = await createUser(ctx, { name: 'Pietro Lanza' });
    await completeCourse(ctx, learner);
    // As if the course had been completed before this feature: no entry yet.
    await ctx.database.db.delete(bookletCourses);
    const agent = await signedInAgent(ctx.app, learner.email, learner.password);
    const page = await agent.get('/libretto').expect(200);
    expect(page.text).to.contain('Corso di prova').and.contain('TBK.ACC.01').and.contain('Superato');
    expect(await ctx.database.db.select().from(bookletCourses)).to.have.length(1);
    await agent.get('/libretto').expect(200);
    expect(await ctx.database.db.select().from(bookletCourses)).to.have.length(1);
  });

  it('is only for the signed-in person', async () => {
    const res = await request(ctx.app).get('/libretto').expect(303);
    expect(res.headers.location).to.equal('/accedi?next=%2Flibretto');
    await request(ctx.app).get('/api/v1/booklet').expect(401);
    await request(ctx.app).get('/libretto/libretto.pdf').expect(303);
    await request(ctx.app).get('/api/v1/booklet/export').expect(401);
  });
});
