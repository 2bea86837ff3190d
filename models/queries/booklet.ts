// Queries on a person's booklet (0016_booklet.sql): the learning completed on the platform, the
// experiences they declare with the competences each shows and its evidence files, what their
// profile shows, and (read-only: written by the credentials feature) the credentials issued to them.
// Evidence files are in booklet-evidence.ts, recognition requests in booklet-validations.ts.
import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  bookletCourses,
  bookletExperienceCompetences,
  bookletExperiences,
  bookletVisibility,
  competenceAreas,
  competenceProfiles,
  competences,
  courseEnrolments,
  courses,
  credentials,
  organizations,
  users,
  type Attachment,
  type BookletExperience,
  type CompetenceValidation,
  type Competence,
  type Credential,
} from '../schema.ts';

export type CompetenceRef = { id: number; code: string; title: string; eqfLevel: number | null };

const competenceRef = {
  id: competences.id,
  code: competences.code,
  title: competences.title,
  eqfLevel: competences.eqfLevel,
};

/** Repertory competences by code (the codes not found are simply missing from the answer). */
export async function competencesByCodes(db: DbOrTx, codes: string[]): Promise<CompetenceRef[]> {
  if (!codes.length) return [];
  return db
    .select(competenceRef)
    .from(competences)
    .where(inArray(competences.code, [...new Set(codes)]));
}

/** The columns of the booklet's person (personOf and bookletPersonOf). */
const personColumns = {
  id: users.id,
  name: users.name,
  jobTitle: users.jobTitle,
  region: users.region,
  organizationName: organizations.name,
};

/** The person the booklet belongs to, as its personal section shows them. */
export async function personOf(db: DbOrTx, userId: number) {
  const [row] = await db
    .select(personColumns)
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId));
  return row;
}

/**
 * The booklet page's person in one statement: as personOf, with the courses they completed that have
 * no booklet entry yet (coursesMissingEntries) and whether an admin appointed them assessor.
 */
export async function bookletPersonOf(db: DbOrTx, userId: number) {
  const [row] = await db
    .select({
      ...personColumns,
      missingCourseIds: sql<number[]>`ARRAY(SELECT e.course_id FROM course_enrolments e
        WHERE e.user_id = ${userId} AND e.completed_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM booklet_courses b WHERE b.user_id = ${userId} AND b.course_id = e.course_id))`,
      appointedAssessor: sql<boolean>`EXISTS (SELECT 1 FROM competence_assessors a WHERE a.user_id = ${userId})`,
    })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId));
  if (!row) return undefined;
  const { missingCourseIds, appointedAssessor, ...person } = row;
  return { person, missingCourseIds, appointedAssessor };
}

// --- learning completed on the platform ---------------------------------------------------------

/** What a course's booklet entry is made of for one person: the course, their completion, their quiz results. */
export async function courseEntryFacts(db: DbOrTx, userId: number, courseId: number) {
  const [row] = await db
    .select({
      courseId: courses.id,
      hours: courses.hours,
      competences: courses.competences,
      completedAt: courseEnrolments.completedAt,
      quizTotal: sql<number>`(SELECT count(*)::int FROM course_quizzes q WHERE q.course_id = ${courses.id} AND jsonb_array_length(q.questions) > 0)`,
      quizPassed: sql<number>`(SELECT count(DISTINCT a.quiz_id)::int FROM quiz_attempts a JOIN course_quizzes q ON q.id = a.quiz_id
        WHERE q.course_id = ${courses.id} AND a.user_id = ${userId} AND a.passed)`,
      // The mean over the course's quizzes of each quiz's best score, in percent.
      bestScore: sql<
        number | null
      >`(SELECT round(avg(b.best))::int FROM (SELECT max(a.score * 100 / nullif(a.max_score, 0)) AS best
        FROM quiz_attempts a JOIN course_quizzes q ON q.id = a.quiz_id WHERE q.course_id = ${courses.id} AND a.user_id = ${userId}
        GROUP BY a.quiz_id) b)`,
    })
    .from(courses)
    .leftJoin(courseEnrolments, and(eq(courseEnrolments.courseId, courses.id), eq(courseEnrolments.userId, userId)))
    .where(eq(courses.id, courseId));
  return row;
}

/** Writes a course's entry once: a second delivery of the same completion finds it and changes nothing. */
export async function insertCourseEntry(
  db: DbOrTx,
  values: {
    userId: number;
    courseId: number;
    completedAt: Date;
    hours: number;
    result: string;
    competences: Competence[];
  },
): Promise<boolean> {
  const rows = await db
    .insert(bookletCourses)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: bookletCourses.id });
  return rows.length > 0;
}

/** Courses the person completed that have no booklet entry yet (completed before the booklet existed). */
export async function coursesMissingEntries(db: DbOrTx, userId: number): Promise<number[]> {
  const rows = await db
    .select({ courseId: courseEnrolments.courseId })
    .from(courseEnrolments)
    .where(
      and(
        eq(courseEnrolments.userId, userId),
        isNotNull(courseEnrolments.completedAt),
        sql`NOT EXISTS (SELECT 1 FROM booklet_courses b WHERE b.user_id = ${userId} AND b.course_id = ${courseEnrolments.courseId})`,
      ),
    );
  return rows.map((r) => r.courseId);
}

/** The person's valid (unrevoked) course credential, if the credentials feature issued one. */
const courseCredentialId = (userId: SQL | number) =>
  sql<string | null>`(SELECT c.id::text FROM credentials c WHERE c.user_id = ${userId} AND c.course_id = ${courses.id}
    AND c.kind = 'course' AND c.revoked_at IS NULL ORDER BY c.issued_at DESC LIMIT 1)`;

export async function courseEntriesOf(db: DbOrTx, userId: number) {
  return db
    .select({
      id: bookletCourses.id,
      courseId: courses.id,
      slug: courses.slug,
      title: courses.title,
      completedAt: bookletCourses.completedAt,
      hours: bookletCourses.hours,
      result: bookletCourses.result,
      competences: bookletCourses.competences,
      credentialId: courseCredentialId(userId),
      // The repertory's record of each competence the entry names (competencesByCodes, for this entry).
      repertory: sql<CompetenceRef[]>`coalesce((SELECT json_agg(json_build_object('id', rc.id, 'code', rc.code,
          'title', rc.title, 'eqfLevel', rc.eqf_level)) FROM competences rc
        WHERE rc.code IN (SELECT x->>'code' FROM jsonb_array_elements(${bookletCourses.competences}) x)), '[]'::json)`,
    })
    .from(bookletCourses)
    .innerJoin(courses, eq(courses.id, bookletCourses.courseId))
    .where(eq(bookletCourses.userId, userId))
    .orderBy(desc(bookletCourses.completedAt), desc(bookletCourses.id));
}
/** A course entry as the booklet shows it (the repertory read with it is the summary's). */
export type CourseEntryRow = Omit<Awaited<ReturnType<typeof courseEntriesOf>>[number], 'repertory'>;

// --- declared experiences -----------------------------------------------------------------------

export type NewExperience = Omit<typeof bookletExperiences.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export async function insertExperience(db: DbOrTx, values: NewExperience): Promise<BookletExperience> {
  const [row] = await db.insert(bookletExperiences).values(values).returning();
  return row!;
}

export async function updateExperience(
  db: DbOrTx,
  id: number,
  values: Partial<NewExperience>,
): Promise<BookletExperience> {
  const [row] = await db
    .update(bookletExperiences)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(bookletExperiences.id, id))
    .returning();
  return row!;
}

export async function deleteExperience(db: DbOrTx, id: number): Promise<void> {
  await db.delete(bookletExperiences).where(eq(bookletExperiences.id, id));
}

export async function findExperience(db: DbOrTx, id: number, opts: { lock?: boolean } = {}) {
  const query = db.select().from(bookletExperiences).where(eq(bookletExperiences.id, id));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row;
}

export async function experiencesOf(db: DbOrTx, userId: number): Promise<BookletExperience[]> {
  return db
    .select()
    .from(bookletExperiences)
    .where(eq(bookletExperiences.userId, userId))
    .orderBy(desc(bookletExperiences.startedOn), desc(bookletExperiences.id));
}

/** An experience with its competences (by code), its evidence and the validation requests that cite it. */
export type ExperienceWithParts = BookletExperience & {
  competences: CompetenceRef[];
  evidence: Attachment[];
  citing: Pick<CompetenceValidation, 'id' | 'status' | 'assessorId'>[];
};

/**
 * A person's experiences as experiencesOf, each with its competences (competencesOfExperiences), its
 * evidence (evidenceOf) and the requests citing it (requestsCitingExperiences): one statement.
 */
export async function experiencesWithPartsOf(db: DbOrTx, userId: number): Promise<ExperienceWithParts[]> {
  const id = sql.raw('"booklet_experiences"."id"');
  const rows = await db
    .select({
      experience: bookletExperiences,
      competences: sql<CompetenceRef[]>`coalesce((SELECT json_agg(json_build_object('id', c.id, 'code', c.code,
          'title', c.title, 'eqfLevel', c.eqf_level) ORDER BY c.code)
        FROM booklet_experience_competences ec JOIN competences c ON c.id = ec.competence_id
        WHERE ec.experience_id = ${id}), '[]'::json)`,
      evidence: sql<
        (Omit<Attachment, 'createdAt'> & { createdAt: string })[]
      >`coalesce((SELECT json_agg(json_build_object(
          'id', a.id, 'uploaderId', a.uploader_id, 'postId', a.post_id, 'filename', a.filename, 'mime', a.mime,
          'size', a.size, 'sha256', a.sha256, 'storageKey', a.storage_key, 'createdAt', a.created_at) ORDER BY a.id)
        FROM booklet_evidence be JOIN attachments a ON a.id = be.attachment_id WHERE be.experience_id = ${id}), '[]'::json)`,
      citing: sql<ExperienceWithParts['citing']>`coalesce((SELECT json_agg(json_build_object('id', v.id,
          'status', v.status, 'assessorId', v.assessor_id)) FROM competence_validations v WHERE v.experience_id = ${id}), '[]'::json)`,
    })
    .from(bookletExperiences)
    .where(eq(bookletExperiences.userId, userId))
    .orderBy(desc(bookletExperiences.startedOn), desc(bookletExperiences.id));
  return rows.map((r) => ({
    ...r.experience,
    competences: r.competences,
    // json carries the timestamp as text: back to a date, as the attachment row has it.
    evidence: r.evidence.map((a) => ({ ...a, createdAt: new Date(a.createdAt) })),
    citing: r.citing,
  }));
}

/** Replaces the competences an experience shows. */
export async function setExperienceCompetences(
  db: DbOrTx,
  experienceId: number,
  competenceIds: number[],
): Promise<void> {
  await db.delete(bookletExperienceCompetences).where(eq(bookletExperienceCompetences.experienceId, experienceId));
  if (competenceIds.length)
    await db
      .insert(bookletExperienceCompetences)
      .values([...new Set(competenceIds)].map((competenceId) => ({ experienceId, competenceId })));
}

/** The competences of the given experiences, by experience id. */
export async function competencesOfExperiences(db: DbOrTx, ids: number[]): Promise<Map<number, CompetenceRef[]>> {
  const out = new Map<number, CompetenceRef[]>();
  if (!ids.length) return out;
  const rows = await db
    .select({ experienceId: bookletExperienceCompetences.experienceId, ...competenceRef })
    .from(bookletExperienceCompetences)
    .innerJoin(competences, eq(competences.id, bookletExperienceCompetences.competenceId))
    .where(inArray(bookletExperienceCompetences.experienceId, ids))
    .orderBy(asc(competences.code));
  for (const { experienceId, ...c } of rows) out.set(experienceId, [...(out.get(experienceId) ?? []), c]);
  return out;
}

// --- visibility and credentials ------------------------------------------------------------------

export type Visibility = {
  showCourses: boolean;
  showCompetences: boolean;
  showCredentials: boolean;
  /** Not what the profile shows: whether new credentials carry the e-mail's salted hash. */
  emailInCredentials: boolean;
};

export async function visibilityOf(db: DbOrTx, userId: number): Promise<Visibility> {
  const [row] = await db
    .select({
      showCourses: bookletVisibility.showCourses,
      showCompetences: bookletVisibility.showCompetences,
      showCredentials: bookletVisibility.showCredentials,
      emailInCredentials: bookletVisibility.emailInCredentials,
    })
    .from(bookletVisibility)
    .where(eq(bookletVisibility.userId, userId));
  return row ?? { showCourses: false, showCompetences: false, showCredentials: false, emailInCredentials: false };
}

export async function saveVisibility(db: DbOrTx, userId: number, v: Visibility): Promise<void> {
  await db
    .insert(bookletVisibility)
    .values({ userId, ...v })
    .onConflictDoUpdate({ target: bookletVisibility.userId, set: { ...v, updatedAt: new Date() } });
}

/** Every credential issued to the person (revoked ones too: the export says so). */
export async function credentialsOf(db: DbOrTx, userId: number): Promise<Credential[]> {
  return db.select().from(credentials).where(eq(credentials.userId, userId)).orderBy(desc(credentials.issuedAt));
}

/** The repertory as the experience form offers it: competences grouped by profile and area, in order. */
export async function repertoryOptions(db: DbOrTx) {
  return db
    .select({
      code: competences.code,
      title: competences.title,
      area: competenceAreas.title,
      profile: competenceProfiles.title,
    })
    .from(competences)
    .innerJoin(competenceAreas, eq(competenceAreas.id, competences.areaId))
    .innerJoin(competenceProfiles, eq(competenceProfiles.id, competenceAreas.profileId))
    .orderBy(
      asc(competenceProfiles.position),
      asc(competenceAreas.position),
      asc(competences.position),
      asc(competences.code),
    );
}

export type BookletCounts = { courses: number; experiences: number; recognised: number; credentials: number };

/** How much a person's booklet holds: completed courses, declared experiences, recognised competences, valid credentials. */
export async function bookletCounts(db: DbOrTx, userId: number): Promise<BookletCounts> {
  const result = await db.execute(sql`SELECT ${bookletCountColumns(userId)}`);
  return (result as unknown as { rows: BookletCounts[] }).rows[0]!;
}

/** The counts of bookletCounts as select columns (named as BookletCounts), for a statement that reads more. */
export function bookletCountColumns(userId: number): SQL {
  return sql`(SELECT count(*)::int FROM booklet_courses WHERE user_id = ${userId}) AS courses,
           (SELECT count(*)::int FROM booklet_experiences WHERE user_id = ${userId}) AS experiences,
           (SELECT count(*)::int FROM competence_validations WHERE user_id = ${userId} AND status = 'validated') AS recognised,
           (SELECT count(*)::int FROM credentials WHERE user_id = ${userId} AND revoked_at IS NULL) AS credentials`;
}

const DECLARING_LOCK = 724_100_016;

/** How many experiences a person has declared. */
export async function countExperiences(db: DbOrTx, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(bookletExperiences)
    .where(eq(bookletExperiences.userId, userId));
  return row?.n ?? 0;
}

/** A person's declared experiences, counted after taking a per-person transaction lock (call inside the writing transaction). */
export async function lockAndCountExperiences(db: DbOrTx, userId: number): Promise<number> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${DECLARING_LOCK}, ${userId})`);
  return countExperiences(db, userId);
}
