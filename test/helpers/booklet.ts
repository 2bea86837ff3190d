// Booklet tests: a small competence repertory of their own (the shipped repertory is reference data
// that another feature loads; codes here start with TBK so they never meet it), a course that lists
// those competences, and completing it through the real API.
import { eq, inArray } from 'drizzle-orm';
import request from 'supertest';
import { competenceAreas, competenceProfiles, competences, domainEvents } from '../../models/schema.ts';
import type { TestContext } from './context.ts';
import { courseYml, RIGHT_ANSWERS, writeCourses } from './courses.ts';
import { importCourses } from '../../server/features/courses/courses.import.ts';
import { apiToken } from './http.ts';

export const TEST_COMPETENCES = [
  { code: 'TBK.ACC.01', title: 'Accogliere e informare le persone in cerca di lavoro', eqfLevel: 4 },
  { code: 'TBK.ORI.02', title: "Accompagnare l'orientamento professionale", eqfLevel: 5 },
  { code: 'TBK.TUT.03', title: 'Fare da tutor a colleghi e tirocinanti', eqfLevel: 5 },
] as const;
export type TestCode = (typeof TEST_COMPETENCES)[number]['code'];

/** Writes the test repertory (a profile, an area, three competences); their ids by code. */
export async function seedTestRepertory(ctx: TestContext): Promise<Record<TestCode, number>> {
  const db = ctx.database.db;
  await db
    .insert(competenceProfiles)
    .values({ code: 'TBK', title: 'Operatore dei servizi per il lavoro (prova)' })
    .onConflictDoNothing();
  const [profile] = await db.select().from(competenceProfiles).where(eq(competenceProfiles.code, 'TBK'));
  await db
    .insert(competenceAreas)
    .values({ code: 'TBK.A', profileId: profile!.id, title: 'Accoglienza e orientamento (prova)' })
    .onConflictDoNothing();
  const [area] = await db.select().from(competenceAreas).where(eq(competenceAreas.code, 'TBK.A'));
  await db
    .insert(competences)
    .values(TEST_COMPETENCES.map((c, position) => ({ ...c, areaId: area!.id, position })))
    .onConflictDoNothing();
  const rows = await db
    .select({ id: competences.id, code: competences.code })
    .from(competences)
    .where(
      inArray(
        competences.code,
        TEST_COMPETENCES.map((c) => c.code),
      ),
    );
  return Object.fromEntries(rows.map((r) => [r.code, r.id])) as Record<TestCode, number>;
}

/** The sample course (3 lessons, 1 quiz, 3 hours), developing TBK.ACC.01 and TBK.ORI.02. */
export async function importBookletCourse(ctx: TestContext, slug = 'corso-prova'): Promise<void> {
  const yml = courseYml('Corso di prova', '').replace(
    /competences:\n(?: {2}.*\n)+?(?=modules:)/,
    'competences:\n  - code: TBK.ACC.01\n    title: Accogliere le persone\n  - code: TBK.ORI.02\n    title: Orientare al lavoro\n',
  );
  await importCourses(ctx, await writeCourses([{ slug, courseYml: yml }]));
}

/** Completes the course through the API (enrol, every lesson, the quiz passed) and waits for the events. */
export async function completeCourse(
  ctx: TestContext,
  user: { email: string; password: string },
  slug = 'corso-prova',
) {
  const auth = { authorization: `Bearer ${await apiToken(ctx.app, user.email, user.password)}` };
  const api = `/api/v1/courses/${slug}`;
  await request(ctx.app).post(`${api}/enroll`).set(auth).expect(200);
  for (const lesson of ['benvenuto', 'la-did', 'il-patto'])
    await request(ctx.app).post(`${api}/lessons/${lesson}/complete`).set(auth).expect(200);
  await request(ctx.app)
    .post(`${api}/quizzes/verifica/attempts`)
    .set(auth)
    .send({ answers: RIGHT_ANSWERS })
    .expect(201);
  await ctx.settle();
  return auth;
}

/** The outbox rows of one event type, oldest first (to check what was recorded, or deliver one again). */
export async function recordedEvents(ctx: TestContext, type: string) {
  const rows = await ctx.database.db.select().from(domainEvents).where(eq(domainEvents.type, type));
  return rows.sort((a, b) => a.id - b.id);
}

/** A minimal PDF, a PNG and a file that is no document, as uploads. */
export const FILES = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  png: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
  zip: Buffer.from('504b0304140000000800', 'hex'),
  text: Buffer.from('Solo testo, nessun documento.'),
};
