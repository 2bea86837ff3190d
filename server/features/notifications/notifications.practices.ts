// From the practice registry's lifecycle to notifications (and e-mails, per each person's
// settings): validators hear of a submission, authors of a return (with its comments on the page),
// a validation, the publication and the archiving of their practice. Nobody is told of their own
// step, and a practice's title reaches only people who may read it (its authors always do).
import { authorIdsOf, findPracticeById } from '../../../models/queries/practices.ts';
import { validatorIds } from '../../../models/queries/practices-protocol.ts';
import type { NotificationKind } from '../../../models/queries/notifications.ts';
import type { Deps } from '../../core/deps.ts';
import type { DomainEvent } from '../../core/events.ts';
import { Audience, deliver, type Subject } from './notifications.notify.ts';

/** Who is told of a move, by the status it reached (a return is a move back to draft). */
const KIND_BY_STATUS: Partial<Record<string, NotificationKind>> = {
  submitted: 'practice_submitted',
  draft: 'practice_returned',
  validated: 'practice_validated',
  published: 'practice_published',
  archived: 'practice_archived',
};

export async function notifyPracticeTransition(deps: Deps, e: DomainEvent<'practice.transitioned'>): Promise<number> {
  const { practiceId, to, byUserId } = e.payload;
  const kind = KIND_BY_STATUS[to];
  const db = deps.database.db;
  const practice = await findPracticeById(db, practiceId);
  if (!kind || !practice) return 0;
  // Validators read a practice only while it is in review: one sent back meanwhile is not announced late.
  if (to === 'submitted' && !['submitted', 'validated'].includes(practice.status)) return 0;
  const authors = await authorIdsOf(db, practice.id);
  const url = `/buone-pratiche/${practice.slug}`;
  const recipients = to === 'submitted' ? (await validatorIds(db)).filter((id) => !authors.includes(id)) : authors;
  const subject: Subject = {
    group: null,
    actorId: byUserId,
    threadId: null,
    postId: null,
    data: { title: practice.title, url: to === 'submitted' ? `${url}/valida` : url },
  };
  return deliver(deps, new Audience().add(recipients, kind), subject, e.id);
}
