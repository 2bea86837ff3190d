// Demo questionnaires: the four shipped in questionnaires/ (imported like on any first start), answered
// by the demo members and by anonymous visitors over the last eight months — answers drawn from a
// fixed-seed generator with a profile per administration, so the aggregates have real shapes and the
// same demo comes out every time — and the CPI di Firenze's improvement plan, half done.
import { eq } from 'drizzle-orm';
import {
  groupMemberships,
  improvementPlanActions,
  improvementPlans,
  questionnaireResponses,
  users,
  type Question,
} from '../../models/schema.ts';
import * as q from '../../models/queries/questionnaires.ts';
import type { Deps } from '../core/deps.ts';
import { importQuestionnairesOnFirstStart } from '../features/questionnaires/questionnaires.service.ts';
import {
  allQuestions,
  checkAnswers,
  scoreAnswers,
  visibleQuestionIds,
  type AnswerValue,
} from '../features/questionnaires/questionnaires.scoring.ts';
import { weakDimensions } from '../features/questionnaires/questionnaires.plans.service.ts';

/** A small deterministic generator (mulberry32). */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An answer leaning towards `level` (0–1): a profile, with some noise. */
function answerFor(question: Question, level: number, rnd: () => number): AnswerValue | undefined {
  const l = Math.min(1, Math.max(0, level + (rnd() - 0.5) * 0.5));
  switch (question.type) {
    case 'likert':
      return 1 + Math.round(l * 4);
    case 'number':
      return Math.round(question.min! + (question.max! - question.min!) * Math.min(l, 0.6) * rnd());
    case 'single': {
      const sorted = [...question.options].sort((a, b) => a.score - b.score);
      return sorted[Math.min(sorted.length - 1, Math.floor(l * sorted.length))]!.value;
    }
    case 'multiple':
      return question.options.filter(() => rnd() < l).map((o) => o.value);
    case 'text':
      return undefined;
  }
}

const DAY = 86_400_000;

/** Answers, scores and responses of the demo; the CPI plan. Once: nothing when responses exist. */
export async function seedQuestionnaireDemo(deps: Deps): Promise<{ responses: number; plans: number }> {
  await importQuestionnairesOnFirstStart(deps);
  const db = deps.database.db;
  if ((await db.select({ id: questionnaireResponses.id }).from(questionnaireResponses).limit(1)).length)
    return { responses: 0, plans: 0 };
  const people = await db
    .select({ id: users.id, organizationId: users.organizationId, region: users.region, role: users.role })
    .from(users);
  const list = await q.listQuestionnaires(db, { publishedOnly: true });
  // Who belongs to which groups (a questionnaire about a group is answered for one of one's own).
  const memberships = await db
    .select({ userId: groupMemberships.userId, groupId: groupMemberships.groupId })
    .from(groupMemberships)
    .where(eq(groupMemberships.status, 'active'));
  const now = Date.now();
  let responses = 0;
  let plans = 0;
  await db.transaction(async (tx) => {
    for (const [qi, qn] of list.entries()) {
      const rnd = generator(1000 + qi);
      const def = qn.definition;
      const respondents = [
        ...people.filter((p) => p.role === 'member').map((p) => ({ ...p, anonymous: false })),
        // Visitors without an account (the open questionnaire) or members answering a second time later.
        ...people
          .filter((p) => p.role === 'member' && rnd() < 0.3)
          .map((p) => ({ ...p, anonymous: qn.audience === 'anyone' })),
      ];
      for (const [i, p] of respondents.entries()) {
        // Each administration has its own profile: some stronger, some weaker.
        const level = 0.25 + (((p.organizationId ?? 7) * 37) % 50) / 100 + (i >= people.length ? 0.1 : 0);
        const answers: Record<string, AnswerValue> = {};
        for (const question of allQuestions(def)) {
          if (!visibleQuestionIds(def, answers).has(question.id)) continue;
          const v = answerFor(question, level, rnd);
          if (v !== undefined && !(Array.isArray(v) && !v.length)) answers[question.id] = v;
        }
        const { clean, errors } = checkAnswers(def, answers, { complete: true });
        if (Object.keys(errors).length) continue;
        const mine = memberships.filter((x) => x.userId === p.id);
        const groupId = qn.subject === 'group' ? (mine[Math.floor(rnd() * mine.length)]?.groupId ?? null) : null;
        if (qn.subject === 'group' && (groupId === null || p.anonymous)) continue;
        const submittedAt = new Date(now - Math.floor(rnd() * 240) * DAY - (i >= people.length ? 0 : 30 * DAY));
        await q.insertResponse(tx, {
          questionnaireId: qn.id,
          userId: p.anonymous ? null : p.id,
          organizationId: p.anonymous ? null : p.organizationId,
          region: p.region,
          groupId,
          status: 'submitted',
          answers: clean,
          scores: scoreAnswers(def, clean),
          submittedAt,
          createdAt: submittedAt,
          updatedAt: submittedAt,
        });
        responses++;
      }
    }
    // The CPI di Firenze's quality self-assessment became a plan: half of its actions are done.
    const cpiQuality = list.find((x) => x.slug === 'qualita-servizi-cpi');
    const [laura] = await tx.select().from(users).where(eq(users.email, 'laura.mannucci@cpi-firenze.example.org'));
    const lauraUser = laura ?? (await tx.select().from(users)).find((u) => u.handle.startsWith('laura'));
    if (cpiQuality && lauraUser?.organizationId) {
      const [baseline] = await q.submittedOfUser(tx, cpiQuality.id, lauraUser.id);
      if (baseline) {
        const weak = weakDimensions(cpiQuality, baseline);
        const dims = weak.length >= 2 ? weak : cpiQuality.definition.dimensions.slice(0, 2);
        const [plan] = await tx
          .insert(improvementPlans)
          .values({
            questionnaireId: cpiQuality.id,
            organizationId: lauraUser.organizationId,
            responseId: baseline.id,
            title: 'Piano di miglioramento del CPI di Firenze',
            createdBy: lauraUser.id,
            createdAt: baseline.submittedAt!,
            updatedAt: new Date(now - 3 * DAY),
          })
          .returning();
        const due = (days: number) => new Date(now + days * DAY).toISOString().slice(0, 10);
        const actions = dims.flatMap((d, i) => [
          {
            dimension: d.key,
            title: `Analisi delle cause: ${d.title.toLowerCase()}`,
            status: 'done' as const,
            dueDate: due(-30 + i),
            indicator: 'Rapporto di analisi condiviso con gli operatori',
            doneAt: new Date(now - (20 - i) * DAY),
          },
          {
            dimension: d.key,
            title: `Azione correttiva: ${d.title.toLowerCase()}`,
            status: (i === 0 ? 'doing' : 'todo') as 'doing' | 'todo',
            dueDate: due(60 + 30 * i),
            indicator: 'Punteggio della dimensione alla prossima autovalutazione ≥ 60',
            doneAt: null,
          },
        ]);
        await tx
          .insert(improvementPlanActions)
          .values(actions.map((a, i) => ({ ...a, planId: plan!.id, ownerId: lauraUser.id, position: i })));
        plans++;
      }
    }
  });
  return { responses, plans };
}
