// From recognition requests (the booklet's competence validations) to notifications, and e-mails
// per each person's settings: assessors hear of a new request and of an answer (the assessor who
// asked for more, or all of them), the person of every assessor's step. Nobody is told of their
// own step, and an assessor is never told of their own request.
import type { NotificationKind } from '../../../models/queries/notifications.ts';
import type { Deps } from '../../core/deps.ts';
import type { DomainEvent } from '../../core/events.ts';
import { validationNotice } from '../booklet/booklet.validations.service.ts';
import { Audience, deliver, type Subject } from './notifications.notify.ts';

const KIND_BY_ACTION: Partial<Record<string, NotificationKind>> = {
  requested: 'competence_requested',
  more_info: 'competence_more_info',
  answered: 'competence_answered',
  validated: 'competence_validated',
  refused: 'competence_refused',
  withdrawn: 'competence_withdrawn',
};

export async function notifyValidationStep(deps: Deps, e: DomainEvent<'competence.validation_step'>): Promise<number> {
  const { validationId, action, actorId, userId } = e.payload;
  const kind = KIND_BY_ACTION[action];
  const found = kind ? await validationNotice(deps, validationId) : undefined;
  if (!kind || !found) return 0;
  const { request, url, assessorIds } = found;
  let recipients: number[];
  if (action === 'requested') recipients = assessorIds;
  else if (action === 'answered') recipients = request.assessorId ? [request.assessorId] : assessorIds;
  else if (action === 'withdrawn') recipients = request.assessorId ? [request.assessorId] : [];
  else recipients = [userId];
  const subject: Subject = {
    group: null,
    actorId,
    threadId: null,
    postId: null,
    data: { title: `${request.competenceCode} – ${request.competenceTitle}`, url },
  };
  return deliver(deps, new Audience().add(recipients, kind), subject, e.id);
}
