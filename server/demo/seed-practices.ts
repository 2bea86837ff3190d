// Demo good practices (practices-data.ts) written inside the demo's transaction as the lifecycle
// would have left them: the record with its co-owners and co-authors, every transition in the log
// (a return with its comments, the submission again), the validation with its scores and mean, the
// published version 1 and one more version per revision. Reuse declarations and stories are seeded
// with them by the registry's other part. The feed's history of publications is written with the
// rest of the demo's (seed.ts).
import { count } from 'drizzle-orm';
import type { Tx } from '../../models/db.ts';
import * as q from '../../models/queries/practices.ts';
import { insertValidation } from '../../models/queries/practices-protocol.ts';
import { organizations, practices, users, type Practice } from '../../models/schema.ts';
import { renderDocument } from '../core/markdown.ts';
import { insertVersionWithDiff, snapshotOf } from '../features/practices/practices.snapshot.ts';
import type { DemoContent, DemoPractice } from './types.ts';

const DAY = 86_400_000;

type Step = { from: Practice['status']; to: Practice['status']; by: number | null; comment: string; at: Date };

/** Writes the demo practices once (none yet); returns how many it wrote. */
export async function seedPractices(tx: Tx, content: DemoContent, list: DemoPractice[], now: number): Promise<number> {
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(practices);
  if (n > 0) return 0;
  const emails = new Map(content.members.map((m) => [m.key, m.email.toLowerCase()]));
  const userIds = new Map(
    (await tx.select({ id: users.id, email: users.email }).from(users)).map((u) => [u.email.toLowerCase(), u.id]),
  );
  const orgIds = new Map(
    (await tx.select({ id: organizations.id, slug: organizations.slug }).from(organizations)).map((o) => [
      o.slug,
      o.id,
    ]),
  );
  const userOf = (key: string) => userIds.get(emails.get(key) ?? '') ?? null;
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY);

  for (const d of list) {
    const creator = userOf(d.authors[0]!);
    const organizationId = orgIds.get(d.organization);
    if (!organizationId) throw new Error(`demo practice ${d.slug}: unknown organization ${d.organization}`);
    const steps: Step[] = [];
    const validator = d.validation ? userOf(d.validation.validator) : null;
    const publishedAt = d.publishedDaysAgo !== undefined ? at(d.publishedDaysAgo) : null;
    // The submissions: a first one before a return, then the one the validators decided on.
    const decidedDaysAgo = d.validation?.decisionDaysAgo ?? Math.max(0, d.createdDaysAgo - 10);
    if (d.status !== 'draft' || d.returned) {
      const firstDaysAgo = d.returned ? d.returned.daysAgo + 5 : decidedDaysAgo + 5;
      steps.push({
        from: 'draft',
        to: 'submitted',
        by: creator,
        comment: '',
        at: at(Math.min(firstDaysAgo, d.createdDaysAgo - 1)),
      });
    }
    if (d.returned) {
      steps.push({
        from: 'submitted',
        to: 'draft',
        by: userOf(d.returned.validator),
        comment: d.returned.comment,
        at: at(d.returned.daysAgo),
      });
      if (d.status !== 'draft')
        steps.push({
          from: 'draft',
          to: 'submitted',
          by: creator,
          comment: '',
          at: at(Math.max(0, d.returned.daysAgo - 3)),
        });
    }
    if (d.validation)
      steps.push({
        from: 'submitted',
        to: 'validated',
        by: validator,
        comment: d.validation.comment,
        at: at(decidedDaysAgo),
      });
    if (publishedAt) steps.push({ from: 'validated', to: 'published', by: validator, comment: '', at: publishedAt });
    if (d.status === 'archived') steps.push({ from: 'published', to: 'archived', by: creator, comment: '', at: at(0) });

    const scores = Object.entries(d.validation?.scores ?? {}).map(([criterionKey, s]) => ({
      criterionKey,
      score: s.score,
      note: s.note,
    }));
    const mean = scores.length
      ? Math.round((scores.reduce((a, s) => a + s.score, 0) / scores.length) * 100) / 100
      : null;
    const row = await q.insertPracticeUnlessSlugTaken(tx, {
      slug: d.slug,
      status: d.status,
      title: d.title,
      summary: d.summary,
      description: d.description,
      descriptionHtml: renderDocument(d.description),
      organizationId,
      contactUserId: userOf(d.contact),
      createdBy: creator,
      region: d.region,
      territorialLevel: d.territorialLevel,
      theme: d.theme,
      targetUsers: d.targetUsers,
      objectives: d.objectives,
      results: d.results,
      indicators: d.indicators,
      resources: d.resources,
      costs: d.costs,
      reuseRequirements: d.reuseRequirements,
      licence: d.licence,
      startedOn: d.startedOn,
      endedOn: d.endedOn,
      links: d.links,
      components: d.components,
      kit: d.kit,
      tags: d.tags,
      version: 0,
      validationScore: d.validation && d.status !== 'draft' ? mean : null,
      submittedAt: steps.findLast((s) => s.to === 'submitted')?.at ?? null,
      validatedAt: d.validation ? at(decidedDaysAgo) : null,
      publishedAt,
      archivedAt: d.status === 'archived' ? at(0) : null,
      createdAt: at(d.createdDaysAgo),
      updatedAt: steps.at(-1)?.at ?? at(d.createdDaysAgo),
    });
    if (!row) continue;
    await q.replaceCoOwners(
      tx,
      row.id,
      d.coOwners.map((s) => orgIds.get(s)).filter((id): id is number => id !== undefined),
    );
    await q.replaceCoAuthors(
      tx,
      row.id,
      d.authors
        .slice(1)
        .map(userOf)
        .filter((id): id is number => id !== null),
    );
    for (const s of steps)
      await q.insertTransition(tx, {
        practiceId: row.id,
        fromStatus: s.from,
        toStatus: s.to,
        userId: s.by,
        comment: s.comment,
        createdAt: s.at,
      });
    if (d.returned)
      await insertValidation(
        tx,
        {
          practiceId: row.id,
          validatorId: userOf(d.returned.validator),
          decision: 'returned',
          comment: d.returned.comment,
          createdAt: at(d.returned.daysAgo),
        },
        [],
      );
    if (d.validation)
      await insertValidation(
        tx,
        {
          practiceId: row.id,
          validatorId: validator,
          decision: 'validated',
          strengths: d.validation.strengths,
          weaknesses: d.validation.weaknesses,
          comment: d.validation.comment,
          createdAt: at(decidedDaysAgo),
        },
        scores,
      );
    if (publishedAt) await seedVersions(tx, row, d, validator ?? creator, publishedAt, at);
  }
  return list.length;
}

/** Version 1 as published, then one version per revision, the record left as the last one. */
async function seedVersions(
  tx: Tx,
  row: Practice,
  d: DemoPractice,
  publisher: number | null,
  publishedAt: Date,
  at: (daysAgo: number) => Date,
): Promise<void> {
  let current = row;
  await insertVersionWithDiff(tx, {
    practiceId: row.id,
    version: 1,
    snapshot: await snapshotOf(tx, current),
    createdBy: publisher,
    createdAt: publishedAt,
  });
  let version = 1;
  for (const r of d.revisions ?? []) {
    version += 1;
    const changes = {
      ...r.changes,
      ...(r.changes.description ? { descriptionHtml: renderDocument(r.changes.description) } : {}),
    };
    current = await q.updatePractice(tx, row.id, { ...changes, version, updatedAt: at(r.daysAgo) });
    await insertVersionWithDiff(tx, {
      practiceId: row.id,
      version,
      snapshot: await snapshotOf(tx, current),
      note: r.note,
      // Revisions are written by the practice's creator.
      createdBy: current.createdBy,
      createdAt: at(r.daysAgo),
    });
  }
  if (version === 1) await q.updatePractice(tx, row.id, { version: 1 });
}
