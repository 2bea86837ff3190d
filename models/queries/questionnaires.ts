// Queries on questionnaires, their responses and the improvement plans drawn from them: writes, the
// catalogue, a person's responses, the submitted responses a report or a comparison reads.
import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  competences,
  courses,
  groups,
  improvementPlanActions,
  improvementPlans,
  organizations,
  questionnaireResponses,
  questionnaires,
  users,
  type ImprovementPlan,
  type ImprovementPlanAction,
  type Questionnaire,
  type QuestionnaireResponse,
} from '../schema.ts';

// --- questionnaires ------------------------------------------------------------------------------
export async function findQuestionnaireBySlug(db: DbOrTx, slug: string): Promise<Questionnaire | undefined> {
  const [row] = await db.select().from(questionnaires).where(eq(questionnaires.slug, slug));
  return row;
}

export async function findQuestionnaireById(db: DbOrTx, id: number): Promise<Questionnaire | undefined> {
  const [row] = await db.select().from(questionnaires).where(eq(questionnaires.id, id));
  return row;
}

export async function lockQuestionnaireBySlug(db: DbOrTx, slug: string): Promise<Questionnaire | undefined> {
  const [row] = await db.select().from(questionnaires).where(eq(questionnaires.slug, slug)).for('update');
  return row;
}

/** Every questionnaire (drafts too), by title: the caller filters by what the viewer may see. */
export async function listQuestionnaires(db: DbOrTx, opts: { publishedOnly: boolean }): Promise<Questionnaire[]> {
  return db
    .select()
    .from(questionnaires)
    .where(opts.publishedOnly ? eq(questionnaires.status, 'published') : undefined)
    .orderBy(asc(questionnaires.title));
}

export async function countQuestionnaires(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(questionnaires);
  return row?.n ?? 0;
}

export async function insertQuestionnaire(
  db: DbOrTx,
  values: typeof questionnaires.$inferInsert,
): Promise<Questionnaire> {
  const [row] = await db.insert(questionnaires).values(values).returning();
  return row!;
}

export async function updateQuestionnaire(
  db: DbOrTx,
  id: number,
  values: Partial<typeof questionnaires.$inferInsert>,
): Promise<Questionnaire> {
  const [row] = await db
    .update(questionnaires)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(questionnaires.id, id))
    .returning();
  return row!;
}

/** How many submitted responses each questionnaire has (the catalogue's counts). */
export async function submittedCounts(db: DbOrTx): Promise<Map<number, number>> {
  const rows = await db
    .select({ id: questionnaireResponses.questionnaireId, n: sql<number>`count(*)::int` })
    .from(questionnaireResponses)
    .where(eq(questionnaireResponses.status, 'submitted'))
    .groupBy(questionnaireResponses.questionnaireId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

// --- responses -----------------------------------------------------------------------------------
export async function findResponse(db: DbOrTx, id: number): Promise<QuestionnaireResponse | undefined> {
  const [row] = await db.select().from(questionnaireResponses).where(eq(questionnaireResponses.id, id));
  return row;
}

export async function lockResponse(db: DbOrTx, id: number): Promise<QuestionnaireResponse | undefined> {
  const [row] = await db.select().from(questionnaireResponses).where(eq(questionnaireResponses.id, id)).for('update');
  return row;
}

/** The person's open draft of a questionnaire, locked for the change about to be made. */
export async function lockDraftOfUser(db: DbOrTx, questionnaireId: number, userId: number) {
  const [row] = await db
    .select()
    .from(questionnaireResponses)
    .where(
      and(
        eq(questionnaireResponses.questionnaireId, questionnaireId),
        eq(questionnaireResponses.userId, userId),
        eq(questionnaireResponses.status, 'draft'),
      ),
    )
    .for('update');
  return row;
}

/** An anonymous respondent's open draft, by the token kept in their session. */
export async function lockDraftByToken(db: DbOrTx, questionnaireId: number, token: string) {
  const [row] = await db
    .select()
    .from(questionnaireResponses)
    .where(
      and(
        eq(questionnaireResponses.questionnaireId, questionnaireId),
        eq(questionnaireResponses.draftToken, token),
        eq(questionnaireResponses.status, 'draft'),
      ),
    )
    .for('update');
  return row;
}

export async function insertResponse(
  db: DbOrTx,
  values: typeof questionnaireResponses.$inferInsert,
): Promise<QuestionnaireResponse> {
  const [row] = await db.insert(questionnaireResponses).values(values).returning();
  return row!;
}

export async function updateResponse(
  db: DbOrTx,
  id: number,
  values: Partial<typeof questionnaireResponses.$inferInsert>,
): Promise<QuestionnaireResponse> {
  const [row] = await db
    .update(questionnaireResponses)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(questionnaireResponses.id, id))
    .returning();
  return row!;
}

/** A person's submitted responses to a questionnaire, newest first. */
export async function submittedOfUser(db: DbOrTx, questionnaireId: number, userId: number) {
  return db
    .select()
    .from(questionnaireResponses)
    .where(
      and(
        eq(questionnaireResponses.questionnaireId, questionnaireId),
        eq(questionnaireResponses.userId, userId),
        eq(questionnaireResponses.status, 'submitted'),
      ),
    )
    .orderBy(desc(questionnaireResponses.submittedAt), desc(questionnaireResponses.id));
}

/** An administration's submitted responses to a questionnaire, newest first (a plan's change over time). */
export async function submittedOfOrganization(db: DbOrTx, questionnaireId: number, organizationId: number) {
  return db
    .select()
    .from(questionnaireResponses)
    .where(
      and(
        eq(questionnaireResponses.questionnaireId, questionnaireId),
        eq(questionnaireResponses.organizationId, organizationId),
        eq(questionnaireResponses.status, 'submitted'),
      ),
    )
    .orderBy(desc(questionnaireResponses.submittedAt), desc(questionnaireResponses.id));
}

/**
 * Each other respondent's latest submitted scores (anonymous ones each count once): the average a
 * person compares with. `except` leaves the person (or, anonymous, the response) out.
 */
export async function latestScoresOfOthers(
  db: DbOrTx,
  questionnaireId: number,
  except: { userId: number | null; responseId: number },
) {
  const rows = await db
    .selectDistinctOn([sql`coalesce(${questionnaireResponses.userId}, -${questionnaireResponses.id})`], {
      scores: questionnaireResponses.scores,
    })
    .from(questionnaireResponses)
    .where(
      and(
        eq(questionnaireResponses.questionnaireId, questionnaireId),
        eq(questionnaireResponses.status, 'submitted'),
        isNotNull(questionnaireResponses.scores),
        ne(questionnaireResponses.id, except.responseId),
        except.userId === null ? undefined : sql`${questionnaireResponses.userId} IS DISTINCT FROM ${except.userId}`,
      ),
    )
    .orderBy(
      sql`coalesce(${questionnaireResponses.userId}, -${questionnaireResponses.id})`,
      desc(questionnaireResponses.submittedAt),
    );
  return rows.map((r) => r.scores!);
}

export type ReportRow = {
  id: number;
  submittedAt: Date;
  scores: Record<string, number>;
  answers: Record<string, unknown>;
  organizationName: string | null;
  region: string | null;
  groupName: string | null;
};

/** Every submitted response of a questionnaire with who answered as labels (the report and its CSV). */
export async function submittedForReport(db: DbOrTx, questionnaireId: number): Promise<ReportRow[]> {
  const rows = await db
    .select({
      id: questionnaireResponses.id,
      submittedAt: questionnaireResponses.submittedAt,
      scores: questionnaireResponses.scores,
      answers: questionnaireResponses.answers,
      organizationName: organizations.name,
      region: questionnaireResponses.region,
      groupName: groups.name,
    })
    .from(questionnaireResponses)
    .leftJoin(organizations, eq(organizations.id, questionnaireResponses.organizationId))
    .leftJoin(groups, eq(groups.id, questionnaireResponses.groupId))
    .where(
      and(eq(questionnaireResponses.questionnaireId, questionnaireId), eq(questionnaireResponses.status, 'submitted')),
    )
    .orderBy(asc(questionnaireResponses.submittedAt), asc(questionnaireResponses.id));
  return rows.map((r) => ({ ...r, submittedAt: r.submittedAt!, scores: r.scores ?? {} }));
}

// --- improvement plans ---------------------------------------------------------------------------
export type PlanRow = ImprovementPlan & {
  organizationName: string;
  questionnaireSlug: string;
  questionnaireTitle: string;
};

const planColumns = {
  id: improvementPlans.id,
  questionnaireId: improvementPlans.questionnaireId,
  organizationId: improvementPlans.organizationId,
  responseId: improvementPlans.responseId,
  title: improvementPlans.title,
  createdBy: improvementPlans.createdBy,
  createdAt: improvementPlans.createdAt,
  updatedAt: improvementPlans.updatedAt,
  organizationName: organizations.name,
  questionnaireSlug: questionnaires.slug,
  questionnaireTitle: questionnaires.title,
};

const planQuery = (db: DbOrTx) =>
  db
    .select(planColumns)
    .from(improvementPlans)
    .innerJoin(organizations, eq(organizations.id, improvementPlans.organizationId))
    .innerJoin(questionnaires, eq(questionnaires.id, improvementPlans.questionnaireId));

export async function findPlan(db: DbOrTx, id: number): Promise<PlanRow | undefined> {
  const [row] = await planQuery(db).where(eq(improvementPlans.id, id));
  return row;
}

/** Plans of the given administrations (all plans when `organizationIds` is null), newest first. */
export async function listPlans(db: DbOrTx, organizationIds: number[] | null): Promise<PlanRow[]> {
  if (organizationIds && !organizationIds.length) return [];
  return planQuery(db)
    .where(organizationIds ? inArray(improvementPlans.organizationId, organizationIds) : undefined)
    .orderBy(desc(improvementPlans.createdAt), desc(improvementPlans.id));
}

export async function insertPlan(db: DbOrTx, values: typeof improvementPlans.$inferInsert): Promise<ImprovementPlan> {
  const [row] = await db.insert(improvementPlans).values(values).returning();
  return row!;
}

export async function touchPlan(db: DbOrTx, id: number): Promise<void> {
  await db.update(improvementPlans).set({ updatedAt: new Date() }).where(eq(improvementPlans.id, id));
}

export type PlanActionRow = ImprovementPlanAction & { ownerName: string | null };

export async function planActions(db: DbOrTx, planIds: number[]): Promise<PlanActionRow[]> {
  if (!planIds.length) return [];
  return db
    .select({
      id: improvementPlanActions.id,
      planId: improvementPlanActions.planId,
      dimension: improvementPlanActions.dimension,
      title: improvementPlanActions.title,
      ownerId: improvementPlanActions.ownerId,
      dueDate: improvementPlanActions.dueDate,
      status: improvementPlanActions.status,
      indicator: improvementPlanActions.indicator,
      position: improvementPlanActions.position,
      doneAt: improvementPlanActions.doneAt,
      createdAt: improvementPlanActions.createdAt,
      updatedAt: improvementPlanActions.updatedAt,
      ownerName: users.name,
    })
    .from(improvementPlanActions)
    .leftJoin(users, eq(users.id, improvementPlanActions.ownerId))
    .where(inArray(improvementPlanActions.planId, planIds))
    .orderBy(asc(improvementPlanActions.position), asc(improvementPlanActions.id));
}

export async function insertPlanAction(
  db: DbOrTx,
  values: typeof improvementPlanActions.$inferInsert,
): Promise<ImprovementPlanAction> {
  const [row] = await db.insert(improvementPlanActions).values(values).returning();
  return row!;
}

export async function lockPlanAction(db: DbOrTx, planId: number, actionId: number) {
  const [row] = await db
    .select()
    .from(improvementPlanActions)
    .where(and(eq(improvementPlanActions.planId, planId), eq(improvementPlanActions.id, actionId)))
    .for('update');
  return row;
}

export async function updatePlanAction(
  db: DbOrTx,
  id: number,
  values: Partial<typeof improvementPlanActions.$inferInsert>,
): Promise<ImprovementPlanAction> {
  const [row] = await db
    .update(improvementPlanActions)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(improvementPlanActions.id, id))
    .returning();
  return row!;
}

/** Members of an administration (a plan action's possible owners). */
export async function membersOfOrganization(db: DbOrTx, organizationId: number) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.organizationId, organizationId))
    .orderBy(asc(users.name));
}

// --- what a result suggests ----------------------------------------------------------------------
/** Published courses among these slugs (a result's suggestions). */
export async function publishedCoursesBySlugs(db: DbOrTx, slugs: string[]) {
  if (!slugs.length) return [];
  return db
    .select({ slug: courses.slug, title: courses.title })
    .from(courses)
    .where(and(inArray(courses.slug, slugs), eq(courses.status, 'published')));
}

/** Repertory competences among these codes, with their titles. */
export async function competencesByCodes(db: DbOrTx, codes: string[]) {
  if (!codes.length) return [];
  return db
    .select({ code: competences.code, title: competences.title })
    .from(competences)
    .where(inArray(competences.code, codes));
}

/** Published questionnaires' pages (the sitemap): not a group's, which only its members see. */
export async function publishedQuestionnairePages(
  db: DbOrTx,
  limit: number,
): Promise<{ path: string; lastmod: Date }[]> {
  const rows = await db
    .select({ slug: questionnaires.slug, lastmod: questionnaires.updatedAt })
    .from(questionnaires)
    .where(and(eq(questionnaires.status, 'published'), ne(questionnaires.audience, 'group')))
    .orderBy(asc(questionnaires.title))
    .limit(limit);
  return rows.map((r) => ({ path: `/questionari/${r.slug}`, lastmod: r.lastmod }));
}
