// Wires the notification reactions to the bus (once per process, from server/subscribers.ts).
import type { Deps } from '../../core/deps.ts';
import {
  notifyCourseApproved,
  notifyCourseRequested,
  notifyInvited,
  notifyJoinApproved,
  notifyJoinRequested,
  notifyPostCreated,
  notifyPostEdited,
} from './notifications.notify.ts';
import {
  notifyEventCancelled,
  notifyEventPromoted,
  notifyEventRegistered,
  notifyEventReminder,
  notifyEventRescheduled,
} from './notifications.events.ts';
import { notifyExchangeMatches } from './notifications.exchange.ts';
import { notifyMessageReported } from './notifications.messages.ts';
import { notifyPracticeReused, notifyStoryModerated } from './notifications.reuses.ts';
import { notifyPracticeTransition } from './notifications.practices.ts';
import { notifyValidationStep } from './notifications.booklet.ts';
import { notifyCredentialIssued, notifyCredentialRevoked } from './notifications.credentials.ts';

export function registerNotificationSubscribers(deps: Deps): void {
  deps.bus.subscribe('post.created', (e) => notifyPostCreated(deps, e).then(() => undefined));
  deps.bus.subscribe('post.edited', (e) => notifyPostEdited(deps, e).then(() => undefined));
  deps.bus.subscribe('member.requested', (e) => notifyJoinRequested(deps, e).then(() => undefined));
  deps.bus.subscribe('member.approved', (e) => notifyJoinApproved(deps, e).then(() => undefined));
  deps.bus.subscribe('member.invited', (e) => notifyInvited(deps, e).then(() => undefined));
  deps.bus.subscribe('course.enrolment_requested', (e) => notifyCourseRequested(deps, e).then(() => undefined));
  deps.bus.subscribe('course.enrolment_approved', (e) => notifyCourseApproved(deps, e).then(() => undefined));
  deps.bus.subscribe('event.registered', (e) => notifyEventRegistered(deps, e).then(() => undefined));
  deps.bus.subscribe('event.registration.promoted', (e) => notifyEventPromoted(deps, e).then(() => undefined));
  deps.bus.subscribe('event.reminder_due', (e) => notifyEventReminder(deps, e).then(() => undefined));
  deps.bus.subscribe('event.cancelled', (e) => notifyEventCancelled(deps, e).then(() => undefined));
  deps.bus.subscribe('event.rescheduled', (e) => notifyEventRescheduled(deps, e).then(() => undefined));
  deps.bus.subscribe('exchange.posted', (e) => notifyExchangeMatches(deps, e).then(() => undefined));
  deps.bus.subscribe('message.reported', (e) => notifyMessageReported(deps, e).then(() => undefined));
  deps.bus.subscribe('practice.reused', (e) => notifyPracticeReused(deps, e).then(() => undefined));
  deps.bus.subscribe('story.moderated', (e) => notifyStoryModerated(deps, e).then(() => undefined));
  deps.bus.subscribe('practice.transitioned', (e) => notifyPracticeTransition(deps, e).then(() => undefined));
  deps.bus.subscribe('competence.validation_step', (e) => notifyValidationStep(deps, e).then(() => undefined));
  deps.bus.subscribe('credential.issued', (e) => notifyCredentialIssued(deps, e).then(() => undefined));
  deps.bus.subscribe('credential.revoked', (e) => notifyCredentialRevoked(deps, e).then(() => undefined));
}
