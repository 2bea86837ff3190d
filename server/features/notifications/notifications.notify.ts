// From domain events to notifications: who is told (never the actor, once per event, only people
// who may read the group now), stored rows, and an e-mail right away for those who want one.
import type { DomainEvent } from '../../core/events.ts';
import * as q from '../../../models/queries/notifications.ts';
import type { NotificationData, NotificationKind, Recipient } from '../../../models/queries/notifications.ts';
import { findUserById } from '../../../models/queries/users.ts';
import { courseAnimatorIds, findCourseById } from '../../../models/queries/courses.ts';
import type { GroupVisibility } from '../../../models/schema.ts';
import type { Deps } from '../../core/deps.ts';
import { immediateMail } from './notifications.mail.ts';
import { canBeNotified } from './notifications.policy.ts';
import { excerptOf } from './notifications.view.ts';

/** When one event concerns somebody for several reasons, the most personal one wins. */
const PRIORITY: Record<NotificationKind, number> = {
  mention: 0,
  reply: 1,
  thread_reply: 2,
  new_thread: 2,
  join_request: 0,
  join_approved: 0,
  invited: 0,
  course_request: 0,
  course_approved: 0,
  session_seat: 0,
  event_registered: 0,
  event_waitlisted: 0,
  event_promoted: 0,
  event_reminder: 0,
  event_cancelled: 0,
  event_rescheduled: 0,
  exchange_match: 0,
  exchange_practice_match: 1,
  message_report: 0,
  practice_reused: 0,
  practice_story: 0,
  story_published: 0,
  story_rejected: 0,
  practice_submitted: 0,
  practice_returned: 0,
  practice_validated: 0,
  practice_published: 0,
  practice_archived: 0,
  competence_requested: 0,
  competence_more_info: 0,
  competence_answered: 0,
  competence_validated: 0,
  competence_refused: 0,
  competence_withdrawn: 0,
  credential_issued: 0,
  credential_revoked: 0,
};

export class Audience {
  readonly kinds = new Map<number, NotificationKind>();
  add(userIds: Iterable<number | null | undefined>, kind: NotificationKind): this {
    for (const id of userIds) {
      if (!id) continue;
      const current = this.kinds.get(id);
      if (!current || PRIORITY[kind] < PRIORITY[current]) this.kinds.set(id, kind);
    }
    return this;
  }
}

export type Subject = {
  /** The group whose readers alone may be told; null: about something everyone may read (a public event). */
  group: { id: number; slug: string; name: string; visibility: GroupVisibility } | null;
  actorId: number | null;
  threadId: number | null;
  postId: number | null;
  data: NotificationData;
};

const asPerson = (r: Recipient): Express.User => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: r.role,
  organizationId: r.organizationId,
  locale: r.locale,
});
const membershipOf = (r: Recipient) =>
  r.membershipRole && r.membershipStatus ? { role: r.membershipRole, status: r.membershipStatus } : null;

/** Stores one notification per allowed recipient and e-mails those who chose "immediately". */
export async function deliver(deps: Deps, audience: Audience, subject: Subject, eventId: number): Promise<number> {
  const db = deps.database.db;
  if (subject.actorId) audience.kinds.delete(subject.actorId);
  if (!audience.kinds.size) return 0;
  const group = subject.group;
  const people = await q.recipientsWithMembership(db, group?.id ?? null, [...audience.kinds.keys()]);
  const allowed = people.filter(
    (p) => !group || canBeNotified(asPerson(p), audience.kinds.get(p.id)!, group, membershipOf(p)),
  );
  if (!allowed.length) return 0;
  const actorName = subject.actorId ? (await findUserById(db, subject.actorId))?.name : undefined;
  const data: NotificationData = {
    ...subject.data,
    ...(group ? { groupName: group.name, groupSlug: group.slug } : {}),
    ...(actorName ? { actorName } : {}),
  };
  const created = await db.transaction(async (tx) => {
    const created = await q.insertNotifications(
      tx,
      allowed.map((p) => ({
        userId: p.id,
        kind: audience.kinds.get(p.id)!,
        actorId: subject.actorId,
        groupId: group?.id ?? null,
        threadId: subject.threadId,
        postId: subject.postId,
        data,
        eventId,
      })),
    );
    if (created.length)
      await deps.bus.record(tx, 'notifications.created', {
        notifications: created.map(({ id, userId }) => ({ notificationId: id, userId })),
      });
    return created;
  });

  // Mailed once: what this event's notifications still have to send (all of them, unless an earlier
  // delivery of the same event stopped half-way).
  const emailed: number[] = [];
  const mailsNow = allowed.some((p) => p.emailFrequency === 'immediate');
  const toMail = (mailsNow ? await q.unmailedOfEvent(db, eventId) : []).filter(
    ({ userId }) => allowed.find((p) => p.id === userId)?.emailFrequency === 'immediate',
  );
  // All of them recorded in one statement and sent a few at a time: a reply to a busy thread mails
  // dozens of people, and the events queued behind this one (live activity among them) wait.
  const mails = toMail.map(({ id, userId }) => {
    const person = allowed.find((p) => p.id === userId)!;
    emailed.push(id);
    return immediateMail(deps.config, person, {
      id,
      kind: audience.kinds.get(userId)!,
      createdAt: new Date(),
      readAt: null,
      actorId: subject.actorId,
      actorName: actorName ?? null,
      threadId: subject.threadId,
      threadTitle: data.threadTitle ?? null,
      postId: subject.postId,
      postVisible: true,
      groupSlug: group?.slug ?? null,
      groupName: group?.name ?? null,
      data,
    });
  });
  await deps.mailer.sendAll(mails);
  await q.setEmailed(db, emailed);
  return created.length;
}

/** Loads the post's thread and group; nothing is said about a post that is already gone. */
async function postSubject(deps: Deps, postId: number, actorId: number) {
  const ctx = await q.postContext(deps.database.db, postId);
  if (!ctx || ctx.postGone || ctx.threadGone) return undefined;
  const subject: Subject = {
    group: ctx.group,
    actorId,
    threadId: ctx.threadId,
    postId: ctx.postId,
    data: { threadTitle: ctx.threadTitle, excerpt: excerptOf(ctx.body) },
  };
  return subject;
}

/** A new post: mentioned people, the author of the post replied to, the thread's or group's followers. */
export async function notifyPostCreated(deps: Deps, event: DomainEvent<'post.created'>): Promise<number> {
  const e = event.payload;
  const subject = await postSubject(deps, e.postId, e.authorId);
  if (!subject) return 0;
  const audience = new Audience().add(e.mentionedUserIds, 'mention').add([e.parentAuthorId], 'reply');
  if (e.isFirstPost) audience.add(await q.subscriberIds(deps.database.db, 'group', subject.group!.id), 'new_thread');
  else audience.add(await q.subscriberIds(deps.database.db, 'thread', e.threadId), 'thread_reply');
  return deliver(deps, audience, subject, event.id);
}

/** An edited post: only the people it newly mentions. */
export async function notifyPostEdited(deps: Deps, event: DomainEvent<'post.edited'>): Promise<number> {
  const e = event.payload;
  if (!e.newlyMentionedUserIds.length) return 0;
  const subject = await postSubject(deps, e.postId, e.editorId);
  if (!subject) return 0;
  return deliver(deps, new Audience().add(e.newlyMentionedUserIds, 'mention'), subject, event.id);
}

async function groupSubject(deps: Deps, groupId: number, actorId: number | null): Promise<Subject | undefined> {
  const group = await q.groupById(deps.database.db, groupId);
  return group ? { group, actorId, threadId: null, postId: null, data: {} } : undefined;
}

/** Somebody asks to join a closed group: its owners and moderators decide. */
export async function notifyJoinRequested(deps: Deps, event: DomainEvent<'member.requested'>): Promise<number> {
  const { groupId, userId } = event.payload;
  const subject = await groupSubject(deps, groupId, userId);
  if (!subject) return 0;
  return deliver(
    deps,
    new Audience().add(await q.groupStaffIds(deps.database.db, groupId), 'join_request'),
    subject,
    event.id,
  );
}

export async function notifyJoinApproved(deps: Deps, event: DomainEvent<'member.approved'>): Promise<number> {
  const { groupId, userId, byUserId } = event.payload;
  const subject = await groupSubject(deps, groupId, byUserId);
  return subject ? deliver(deps, new Audience().add([userId], 'join_approved'), subject, event.id) : 0;
}

export async function notifyInvited(deps: Deps, event: DomainEvent<'member.invited'>): Promise<number> {
  const { groupId, userId, byUserId } = event.payload;
  const subject = await groupSubject(deps, groupId, byUserId);
  return subject ? deliver(deps, new Audience().add([userId], 'invited'), subject, event.id) : 0;
}

/** A course's notifications are about its discussion space's people: the subject is that group. */
async function courseSubject(
  deps: Deps,
  courseId: number,
  actorId: number | null,
  data: (course: { slug: string; title: string }) => NotificationData,
) {
  const course = await findCourseById(deps.database.db, courseId);
  const group = course?.groupId ? await q.groupById(deps.database.db, course.groupId) : undefined;
  return course && group
    ? { subject: { group, actorId, threadId: null, postId: null, data: data(course) } satisfies Subject, course }
    : undefined;
}

/** A request to join a course with approval: the people who run it decide. */
export async function notifyCourseRequested(
  deps: Deps,
  event: DomainEvent<'course.enrolment_requested'>,
): Promise<number> {
  const { courseId, userId } = event.payload;
  const found = await courseSubject(deps, courseId, userId, (c) => ({
    title: c.title,
    url: `/corsi/${c.slug}/gestione`,
  }));
  if (!found) return 0;
  // Asking, withdrawing and asking again tells the staff once a day, not at every click.
  const since = new Date(Date.now() - 86_400_000);
  if (
    await q.notifiedSince(deps.database.db, {
      kind: 'course_request',
      actorId: userId,
      groupId: found.subject.group.id,
      since,
    })
  )
    return 0;
  const staff = [...(await courseAnimatorIds(deps.database.db, courseId)), found.course.createdBy];
  return deliver(deps, new Audience().add(staff, 'course_request'), found.subject, event.id);
}

export async function notifyCourseApproved(
  deps: Deps,
  event: DomainEvent<'course.enrolment_approved'>,
): Promise<number> {
  const { courseId, userId, byUserId } = event.payload;
  const found = await courseSubject(deps, courseId, byUserId, (c) => ({ title: c.title, url: `/corsi/${c.slug}` }));
  return found ? deliver(deps, new Audience().add([userId], 'course_approved'), found.subject, event.id) : 0;
}

/** A course session's seat freed up: the people moved up from the waiting list are told they are in. */
export async function notifySessionSeat(
  deps: Deps,
  eventId: number,
  session: { id: number; title: string; courseId: number },
  userIds: number[],
): Promise<number> {
  const found = await courseSubject(deps, session.courseId, null, (c) => ({
    title: c.title,
    session: session.title,
    url: `/corsi/${c.slug}#sessione-${session.id}`,
  }));
  return found ? deliver(deps, new Audience().add(userIds, 'session_seat'), found.subject, eventId) : 0;
}
