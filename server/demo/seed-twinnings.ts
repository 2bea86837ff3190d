// Loads the demo twinnings (twinnings-data.ts) inside the demo's transaction: each with its sides,
// practices, discussion space (a private group of its participants, the "Discussione generale" and
// one thread per model, written by seedDiscussions), models, milestones, participants and, when
// closed, its outcomes. The Tos.Ca. seminar of the calendar becomes one of its meetings. A twinning
// whose administrations are missing is left out; skipped when there are twinnings already.
import { and, eq, inArray, like } from 'drizzle-orm';
import type { Tx } from '../../models/db.ts';
import {
  calendarEvents,
  groupMemberships,
  groups,
  organizations,
  practices,
  threads,
  twinningMilestones,
  twinningModels,
  twinningOrganizations,
  twinningOutcomes,
  twinningParticipants,
  twinningPractices,
  twinnings,
} from '../../models/schema.ts';
import { renderMarkdown } from '../core/markdown.ts';
import { italianDay } from '../core/time.ts';
import { seedDiscussions } from './seed-discussions.ts';
import { demoTwinnings, type DemoTwinning } from './twinnings-data.ts';
import type { DemoContent } from './types.ts';

const DAY = 86_400_000;
const md = (text: string) => (text ? renderMarkdown(text) : '');

export async function seedTwinnings(
  tx: Tx,
  content: DemoContent,
  idOf: (key: string) => number | undefined,
  now: number,
  list: DemoTwinning[] = demoTwinnings,
): Promise<number> {
  const [existing] = await tx.select({ id: twinnings.id }).from(twinnings).limit(1);
  if (existing) return 0;
  const orgIds = new Map(
    (await tx.select({ id: organizations.id, slug: organizations.slug }).from(organizations)).map((o) => [
      o.slug,
      o.id,
    ]),
  );
  const practiceIds = new Map(
    (
      await tx
        .select({ id: practices.id, slug: practices.slug })
        .from(practices)
        .where(inArray(practices.status, ['published', 'archived']))
    ).map((p) => [p.slug, p.id]),
  );
  const day = (offset: number) => italianDay(new Date(now + offset * DAY));
  let created = 0;
  for (const d of [...list].sort((a, b) => b.createdDaysAgo - a.createdDaysAgo)) {
    const sides = [
      ...d.offering.map((slug) => ({ id: orgIds.get(slug), side: 'offering' as const, objectives: '' })),
      ...d.receiving.map((r) => ({ id: orgIds.get(r.slug), side: 'receiving' as const, objectives: r.objectives })),
    ];
    if (sides.some((s) => !s.id)) continue;
    const createdAt = new Date(now - d.createdDaysAgo * DAY);
    const proposer = idOf(d.proposedBy) ?? null;
    const approver = d.approvedBy ? (idOf(d.approvedBy) ?? null) : null;
    const [group] = await tx
      .insert(groups)
      .values({
        slug: `gemellaggio-${d.slug}`.slice(0, 80),
        name: `Gemellaggio: ${d.title}`.slice(0, 120),
        description: `Lo spazio di discussione dei partecipanti al gemellaggio «${d.title}».`,
        theme: d.theme,
        visibility: 'private',
        createdBy: approver ?? proposer,
        createdAt,
      })
      .returning();
    const [t] = await tx
      .insert(twinnings)
      .values({
        slug: d.slug,
        title: d.title,
        summary: d.summary,
        summaryHtml: md(d.summary),
        expectedResults: d.expectedResults,
        expectedResultsHtml: md(d.expectedResults),
        achievedResults: d.achievedResults ?? '',
        achievedResultsHtml: md(d.achievedResults ?? ''),
        status: d.status,
        startsOn: day(d.startsIn),
        endsOn: day(d.endsIn),
        programme: d.programme,
        priorities: d.priorities,
        region: d.region,
        theme: d.theme,
        meetingUrl: d.meetingUrl ?? null,
        groupId: group!.id,
        proposedBy: proposer,
        createdBy: proposer,
        approvedBy: approver,
        approvedAt: approver ? new Date(createdAt.getTime() + 3 * DAY) : null,
        createdAt,
        updatedAt: createdAt,
      })
      .returning();
    await tx.insert(twinningOrganizations).values(
      sides.map((s, position) => ({
        twinningId: t!.id,
        organizationId: s.id!,
        side: s.side,
        objectives: s.objectives,
        position,
      })),
    );
    const practiceRows = d.practices.flatMap((slug, position) =>
      practiceIds.has(slug) ? [{ twinningId: t!.id, practiceId: practiceIds.get(slug)!, position }] : [],
    );
    if (practiceRows.length) await tx.insert(twinningPractices).values(practiceRows);

    // Participants, and the discussion space's members (referents moderate; the animator owns it).
    const people = d.participants.flatMap((p) => {
      const userId = idOf(p.key);
      const member = content.members.find((m) => m.key === p.key);
      return userId
        ? [{ userId, role: p.role, organizationId: member ? (orgIds.get(member.organization) ?? null) : null }]
        : [];
    });
    if (people.length)
      await tx
        .insert(twinningParticipants)
        .values(people.map((p) => ({ ...p, twinningId: t!.id, joinedAt: new Date(createdAt.getTime() + 5 * DAY) })));
    const members = new Map<number, 'owner' | 'moderator' | 'member'>();
    if (approver ?? proposer) members.set((approver ?? proposer)!, 'owner');
    for (const p of people)
      if (!members.has(p.userId)) members.set(p.userId, p.role === 'referent' ? 'moderator' : 'member');
    await tx
      .insert(groupMemberships)
      .values([...members].map(([userId, role]) => ({ groupId: group!.id, userId, role, status: 'active' as const })))
      .onConflictDoNothing();

    // The threads: the general discussion and one per model.
    const general = 'Discussione generale';
    const modelTitle = (m: DemoTwinning['models'][number]) => `Modello ${m.code}: ${m.title}`;
    await seedDiscussions(
      tx,
      content,
      [
        { group: group!.slug, title: general, pinned: true, posts: d.general },
        ...d.models.map((m) => ({
          group: group!.slug,
          title: modelTitle(m),
          posts: m.thread ?? [
            {
              author: d.approvedBy ?? d.proposedBy,
              daysAgo: d.createdDaysAgo - 3,
              body: `La discussione del modello ${m.code} (${m.title}): attività, tappe ed evidenze.`,
            },
          ],
        })),
      ],
      now,
    );
    const threadOf = async (title: string) =>
      (
        await tx
          .select({ id: threads.id })
          .from(threads)
          .where(and(eq(threads.groupId, group!.id), eq(threads.title, title)))
      )[0]?.id ?? null;
    await tx
      .update(twinnings)
      .set({ threadId: await threadOf(general) })
      .where(eq(twinnings.id, t!.id));

    for (const m of d.models) {
      const [model] = await tx
        .insert(twinningModels)
        .values({
          twinningId: t!.id,
          code: m.code,
          title: m.title,
          description: m.description,
          descriptionHtml: md(m.description),
          offeringOrganizationId: orgIds.get(m.offering)!,
          receivingOrganizationId: orgIds.get(m.receiving)!,
          practiceId: practiceIds.get(m.practice) ?? null,
          responsible: m.responsible,
          threadId: await threadOf(modelTitle(m)),
          createdAt,
        })
        .returning();
      if (m.milestones.length)
        await tx.insert(twinningMilestones).values(
          m.milestones.map((ms) => ({
            modelId: model!.id,
            title: ms.title,
            dueOn: day(ms.due),
            status: ms.status,
            evidence: ms.evidence ?? '',
            doneOn: ms.status === 'done' ? day(Math.min(ms.due, 0)) : null,
            createdAt,
          })),
        );
      if (m.outcome)
        await tx.insert(twinningOutcomes).values({
          modelId: model!.id,
          twinningId: t!.id,
          organizationId: model!.receivingOrganizationId,
          outcome: m.outcome.outcome,
          notes: m.outcome.notes,
          recordedBy: idOf(m.outcome.by) ?? null,
          recordedAt: new Date(now + (d.endsIn - 5) * DAY),
        });
    }
    created++;
  }
  // The Tos.Ca. seminar on the calendar is a meeting of the twinning.
  const [tosca] = await tx
    .select({ id: twinnings.id })
    .from(twinnings)
    .where(eq(twinnings.slug, 'tos-ca-valorizzare-le-competenze-dei-cittadini'));
  if (tosca)
    await tx
      .update(calendarEvents)
      .set({ twinningId: tosca.id })
      .where(like(calendarEvents.description, '%gemellaggio Tos.Ca.%'));
  return created;
}
