// A practice's snapshot: every field as published, with the names of its administrations and
// people, so a version reads the same after they change (practice_versions.snapshot); and the
// writing of a version with its difference from the one before (practice_versions.diff).
import type { Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/practices.ts';
import * as versionQueries from '../../../models/queries/practice-versions.ts';
import { attachmentsOfPractice } from '../../../models/queries/practices-files.ts';
import type { Practice, practiceVersions } from '../../../models/schema.ts';
import type { Deps } from '../../core/deps.ts';
import { computeVersionDiff, type PracticeSnapshot } from './practices.versions.ts';
import { recordFields } from './practices.fields.ts';

/** The practice as published now: every field, with the names of the administrations and people. */
export async function snapshotOf(db: Tx | Deps['database']['db'], p: Practice): Promise<PracticeSnapshot> {
  const [row] = await q.organizationsById(db, [p.organizationId]);
  const coOwners = await q.coOwnersOf(db, p.id);
  const coAuthors = await q.coAuthorsOf(db, p.id);
  const creator = p.createdBy ? await q.userById(db, p.createdBy) : undefined;
  const contact = p.contactUserId ? await q.userById(db, p.contactUserId) : undefined;
  const files = await attachmentsOfPractice(db, p.id);
  const person = (u: q.NamedUser) => ({ id: u.id, name: u.name });
  return {
    title: p.title,
    summary: p.summary,
    description: p.description,
    organization: { slug: row!.slug, name: row!.name },
    coOwners: coOwners.map((o) => ({ slug: o.slug, name: o.name })),
    contact: contact ? person(contact) : null,
    authors: [...(creator ? [person(creator)] : []), ...coAuthors.map(person)],
    ...recordFields(p),
    kit: p.kit.map((k) => {
      const file = k.attachmentId ? files.find((f) => f.id === k.attachmentId) : undefined;
      return file ? { ...k, filename: file.filename } : k;
    }),
    tags: p.tags,
    competenceCodes: p.competenceCodes,
    files: files.map((f) => ({ id: f.id, filename: f.filename })),
  };
}

/**
 * Writes a published version with its difference from the version before it, computed here once
 * (within the diff's budget) so that reading a version never compares texts again. Every writer
 * of versions (publication, a published practice's change, the demo) goes through here.
 */
export async function insertVersionWithDiff(
  db: Tx | Deps['database']['db'],
  values: Omit<typeof practiceVersions.$inferInsert, 'diff' | 'snapshot'> & { snapshot: PracticeSnapshot },
): Promise<void> {
  const previous =
    values.version > 1 ? await versionQueries.versionSnapshot(db, values.practiceId, values.version - 1) : undefined;
  const diff = computeVersionDiff(previous as PracticeSnapshot | undefined, values.snapshot);
  await versionQueries.insertVersion(db, { ...values, diff });
}
