// What the credentials tests share: a context with its own key folder, a course completed through
// the courses feature's real path, competences and validations written as the booklet would, and
// a credential changed after signing.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { eq } from 'drizzle-orm';
import { asc } from 'drizzle-orm';
import {
  domainEvents,
  competenceAreas,
  competenceProfiles,
  competences,
  competenceValidations,
  credentials,
} from '../../../models/schema.ts';
import { findCourseBySlug } from '../../../models/queries/courses.ts';
import type { Deps } from '../../../server/core/deps.ts';
import type { DomainEvent } from '../../../server/core/events.ts';
import { importCourses } from '../../../server/features/courses/courses.import.ts';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { courseYml, RIGHT_ANSWERS, writeCourses } from '../../helpers/courses.ts';
import { apiToken } from '../../helpers/http.ts';

export const PUBLIC_URL = 'http://retespi.test';

export const keyDir = () => mkdtemp(path.join(tmpdir(), 'retespi-chiavi-'));

/** A test app whose credentials are signed with keys in a fresh folder. */
export async function credentialContext(
  overrides: Record<string, string> = {},
): Promise<TestContext & { keyDir: string }> {
  const dir = await keyDir();
  const ctx = await testContext({ PUBLIC_URL, CREDENTIALS_KEY_DIR: dir, ISSUER_NAME: 'Regione Toscana', ...overrides });
  return Object.assign(ctx, { keyDir: dir });
}

export type Person = Awaited<ReturnType<typeof createUser>>;

export const bearer = async (ctx: { app: TestContext['app'] }, user: { email: string; password: string }) => ({
  authorization: `Bearer ${await apiToken(ctx.app, user.email, user.password)}`,
});

/** The sample course (SPI.ACC.01, 3 hours, lessons and quiz) imported from files. */
export async function importSampleCourse(deps: Deps, title = 'Accoglienza nei CPI'): Promise<number> {
  const [result] = await importCourses(deps, await writeCourses([{ courseYml: courseYml(title) }]));
  const course = await findCourseBySlug(deps.database.db, result!.slug);
  return course!.id;
}

/** Enrols and completes the sample course through the API (every lesson, the quiz passed). */
export async function completeCourse(ctx: TestContext, learner: Person): Promise<void> {
  const auth = await bearer(ctx, learner);
  const api = (p: string) => `/api/v1/courses/corso-prova${p}`;
  await request(ctx.app).post(api('/enroll')).set(auth).expect(200);
  for (const lesson of ['benvenuto', 'la-did', 'il-patto'])
    await request(ctx.app)
      .post(api(`/lessons/${lesson}/complete`))
      .set(auth)
      .expect(200);
  const attempt = await request(ctx.app)
    .post(api('/quizzes/verifica/attempts'))
    .set(auth)
    .send({ answers: RIGHT_ANSWERS });
  if (!attempt.body.progress?.completed) throw new Error(`course not completed: ${JSON.stringify(attempt.body)}`);
  await ctx.settle();
}

/**
 * A competence of the repertory with the values a test needs: written under a profile and area of its
 * own, or, for a code the shipped repertory already holds (reference data), that row given these values.
 */
export async function insertCompetence(
  deps: Deps,
  values: { code: string; title: string; eqfLevel?: number; escoUri?: string },
): Promise<number> {
  const db = deps.database.db;
  const [profile] = await db
    .insert(competenceProfiles)
    .values({ code: `P${values.code}`.slice(0, 40), title: 'Operatore dei servizi per il lavoro' })
    .returning();
  const [area] = await db
    .insert(competenceAreas)
    .values({ code: `A${values.code}`.slice(0, 40), profileId: profile!.id, title: 'Accoglienza' })
    .returning();
  const [row] = await db
    .insert(competences)
    .values({
      code: values.code,
      areaId: area!.id,
      title: values.title,
      description: 'Accoglie la persona e ne raccoglie i bisogni.',
      eqfLevel: values.eqfLevel ?? null,
      escoUri: values.escoUri ?? null,
    })
    .onConflictDoUpdate({
      target: competences.code,
      set: {
        title: values.title,
        description: 'Accoglie la persona e ne raccoglie i bisogni.',
        eqfLevel: values.eqfLevel ?? null,
        escoUri: values.escoUri ?? null,
      },
    })
    .returning();
  return row!.id;
}

/** A validation decided by an assessor, recorded with its event as the booklet's service does. */
export async function validateCompetence(
  deps: Deps,
  v: {
    userId: number;
    competenceId: number;
    assessorId: number;
    level: number | null;
    status?: 'validated' | 'requested';
  },
): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(competenceValidations)
      .values({
        userId: v.userId,
        competenceId: v.competenceId,
        status: v.status ?? 'validated',
        assessorId: v.assessorId,
        level: v.level,
        decidedAt: new Date(),
      })
      .returning();
    await deps.bus.record(tx, 'competence.validated', {
      validationId: row!.id,
      userId: v.userId,
      competenceId: v.competenceId,
      level: v.level,
      assessorId: v.assessorId,
    });
    return row!.id;
  });
}

export const credentialsOf = (deps: Deps, userId: number) =>
  deps.database.db.select().from(credentials).where(eq(credentials.userId, userId));

/** Decodes a compact JWS part. */
export const decodePart = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/** The same token with its payload changed and re-encoded; header and signature kept. */
export function tamper(token: string, change: (payload: Record<string, any>) => void): string {
  const [header, payload, signature] = token.split('.');
  const decoded = decodePart(payload!);
  change(decoded);
  return [header, Buffer.from(JSON.stringify(decoded)).toString('base64url'), signature].join('.');
}

/** The domain events of a type recorded so far, oldest first, as the dispatcher delivers them. */
export async function listEventsOfType(deps: Deps, type: string): Promise<DomainEvent[]> {
  const rows = await deps.database.db
    .select()
    .from(domainEvents)
    .where(eq(domainEvents.type, type))
    .orderBy(asc(domainEvents.id));
  return rows.map((r) => ({ id: r.id, type: r.type, payload: r.payload, occurredAt: r.occurredAt }) as DomainEvent);
}
