// The domain event catalogue and the one bus. Services record their events in the outbox inside the
// transaction of their change; the dispatcher (outbox.ts) delivers them after the commit to the
// subscribers here: the activity feed, notifications and mail, and the live broadcast.
import type { Logger } from 'pino';
import type { DbOrTx } from '../../models/db.ts';
import { insertEvents } from '../../models/queries/events.ts';

/**
 * What a feature records about content it owns so the activity feed shows it (courses do; practices,
 * exchange, twinnings, news and events will): one generic builder turns them into activity.
 */
export type ContentEventPayload = {
  actorId: number | null;
  objectId: number;
  title: string;
  url: string;
  /** The group whose readers may see it (course discussion space, twinning group…); none = public. */
  groupId?: number | null;
  /** Seen only by the actor (e.g. a private enrolment). */
  privateToActor?: boolean;
};

export const CONTENT_EVENTS = [
  'course.published',
  'course.enrolled',
  'course.completed',
  'practice.published',
  'practice.reused',
  'practice.validated',
  'exchange.posted',
  'twinning.created',
  'twinning.milestone',
  // A proposal approved by an animator, and each later step of its status machine (twinnings.policy.ts).
  'twinning.approved',
  'twinning.status_changed',
  'article.published',
  'event.published',
  'newsletter.sent',
  'story.published',
  'competence.recognized',
  // A credential the platform signed for a person (objectId: the course's or competence's id; the
  // credential's own id is a UUID, in url). Public only when its owner shows credentials on the
  // profile; otherwise private to them (privateToActor).
  'credential.issued',
  // Questionnaires (issue 15): a questionnaire went live; an action of an administration's improvement
  // plan was done (private to the actor: a plan is its administration's business).
  'questionnaire.published',
  'plan.action_done',
  // A training offer entered the catalogue (/offerta-formativa), from a provider's system or CSV.
  'training_offer.published',
] as const;
export type ContentEventType = (typeof CONTENT_EVENTS)[number];

/** What the people registered for an event are told about it when its organisers change it. */
export type EventNoticePayload = {
  eventId: number;
  title: string;
  url: string;
  groupId: number | null;
  userIds: number[];
  actorId: number;
};

type EventPayloads = {
  [K in ContentEventType]: ContentEventPayload;
} & {
  'user.registered': { userId: number; organizationId: number | null };
  /**
   * A published article was changed or withdrawn (its publication is `article.published`): whether
   * it is still published, and its title and address now.
   */
  'article.updated': { articleId: number; byUserId: number; published: boolean; title: string; url: string };
  'user.updated': { userId: number };
  'user.role_changed': { userId: number; role: string; byUserId: number };
  'organization.created': { organizationId: number; byUserId: number | null };
  'organization.verified': { organizationId: number; byUserId: number };
  'organization.merged': { fromOrganizationId: number; intoOrganizationId: number; byUserId: number };
  'token.created': { userId: number; tokenId: number };
  'token.revoked': { userId: number; tokenId: number };
  /** Someone signed out: live connections opened with that session close too. */
  'session.ended': { userId: number; sessionId: string };
  /** An account was deleted (features/privacy): no personal data, only the former id and the rule applied. */
  'user.deleted': { userId: number; rule: 'anonimizza' | 'rimuovi' };

  'group.created': { groupId: number; byUserId: number };
  'group.updated': { groupId: number; byUserId: number };
  'member.joined': { groupId: number; userId: number };
  'member.requested': { groupId: number; userId: number };
  'member.approved': { groupId: number; userId: number; byUserId: number };
  'member.invited': { groupId: number; userId: number; byUserId: number };
  'member.left': { groupId: number; userId: number };
  'member.removed': { groupId: number; userId: number; byUserId: number };
  'member.role_changed': { groupId: number; userId: number; role: string; byUserId: number };

  'thread.created': { threadId: number; groupId: number; postId: number; authorId: number };
  'thread.locked': { threadId: number; groupId: number; byUserId: number; reason: string | null };
  'thread.unlocked': { threadId: number; groupId: number; byUserId: number; reason: string | null };
  'thread.pinned': { threadId: number; groupId: number; byUserId: number; reason: string | null };
  'thread.unpinned': { threadId: number; groupId: number; byUserId: number; reason: string | null };
  'thread.moved': { threadId: number; fromGroupId: number; groupId: number; byUserId: number; reason: string | null };

  /** A reply or a thread's first post. Recipients: parent author, mentioned people, subscribers. */
  'post.created': {
    postId: number;
    threadId: number;
    groupId: number;
    authorId: number;
    parentId: number | null;
    parentAuthorId: number | null;
    mentionedUserIds: number[];
    isFirstPost: boolean;
  };
  'post.edited': {
    postId: number;
    threadId: number;
    groupId: number;
    editorId: number;
    newlyMentionedUserIds: number[];
  };
  'post.deleted': { postId: number; threadId: number; groupId: number; byUserId: number };
  'post.hidden': { postId: number; threadId: number; groupId: number; byUserId: number; reason: string | null };
  'post.restored': { postId: number; threadId: number; groupId: number; byUserId: number; reason: string | null };
  'post.flagged': { postId: number; threadId: number; groupId: number; flagId: number; reporterId: number };
  'reaction.added': { postId: number; threadId: number; groupId: number; userId: number; kind: string; count: number };

  /** Someone asks to join a course with approval: its animators decide. */
  'course.enrolment_requested': { courseId: number; userId: number };
  'course.enrolment_approved': { courseId: number; userId: number; byUserId: number };
  /** Someone registered for a calendar event (not a course session): a seat, or the waiting list. */
  'event.registered': { eventId: number; userId: number; status: 'registered' | 'waiting' };
  /** Seats freed up in a calendar event (course sessions included) went to these people from its waiting list. */
  'event.registration.promoted': { eventId: number; userIds: number[] };
  /** The event starts tomorrow: its registered people get a reminder (recorded once, by the job that claims it). */
  'event.reminder_due': { eventId: number; userIds: number[] };
  /** An event was changed (not a course session): the feed's rows about it take its title and group. */
  'event.updated': { eventId: number; title: string; url: string; groupId: number | null };
  /** An event was taken off the calendar; `userIds`: everyone registered (seat or waiting list), to be told. */
  'event.cancelled': EventNoticePayload;
  /** An event's start moved; `userIds`: everyone registered (seat or waiting list), to be told. */
  'event.rescheduled': EventNoticePayload;

  /** A Cerco/Offro post was edited, closed, reopened or extended (its creation is `exchange.posted`). */
  'exchange.updated': { postId: number; byUserId: number; active: boolean; title: string; url: string };
  /**
   * A message in a private conversation (written, or "joined"/"left"): `recipientIds` are the other
   * participants when it was written. Only their own rooms and mailboxes hear of it; never the feed.
   */
  'message.sent': { conversationId: number; messageId: number; authorId: number; recipientIds: number[] };
  /** A participant reported a private message: the administrators are told (they see that message only). */
  'message.reported': { messageId: number; reportId: number; reporterId: number };
  /** A moderator published or rejected a story on a practice: its author is told, and on publication the practice's people. */
  'story.moderated': { storyId: number; practiceId: number; decision: 'published' | 'rejected'; byUserId: number };
  /** An administration withdrew its reuse declaration (the practice's reuse count went down). */
  'practice.reuse_withdrawn': { practiceId: number; organizationId: number; byUserId: number };
  /** A practice moved in its lifecycle (submitted, validated, returned, published, archived): the people involved are told. */
  'practice.transitioned': { practiceId: number; from: string; to: string; byUserId: number; comment: string };
  /** A published practice was changed: its change went public at once as version `version`. */
  'practice.updated': { practiceId: number; byUserId: number; version: number; title: string; url: string };

  /** An assessor validated a competence a person declared (recognition of prior learning): a credential is issued on it. */
  'competence.validated': {
    validationId: number;
    userId: number;
    competenceId: number;
    level: number | null;
    assessorId: number;
  };
  /** A step of a recognition request (asked, more information asked or given, decided, withdrawn): the other party is told. */
  'competence.validation_step': { validationId: number; action: string; actorId: number; userId: number };
  /**
   * A person changed what their public profile shows of their booklet (the feed follows showCompetences
   * and showCredentials; the latter is absent from events recorded before it was added).
   */
  'booklet.visibility_changed': { userId: number; showCompetences: boolean; showCredentials?: boolean };
  /** An administrator revoked a credential the platform had issued: its owner is told. */
  'credential.revoked': { credentialId: string; userId: number | null; title: string; url: string; byUserId: number };

  /** An activity row was stored (the live broadcaster sends it to the rooms it belongs to). */
  'activity.recorded': { activityId: number };
  /**
   * A notification was stored for a person (the live broadcaster updates their bell). Recorded by
   * earlier versions, one per notification; still delivered if a queue holds some.
   */
  'notification.created': { notificationId: number; userId: number };
  /**
   * The notifications one event stored, one per person told (the live broadcaster updates each bell):
   * one event for all of them, so a reply that tells 50 people puts one event in the queue, not 50.
   */
  'notifications.created': { notifications: { notificationId: number; userId: number }[] };
};

export type EventType = keyof EventPayloads;
export type EventPayload<T extends EventType> = EventPayloads[T];
export type DomainEvent<T extends EventType = EventType> = {
  /** The outbox row's id: a subscriber uses it to do its work once however often the event comes. */
  id: number;
  type: T;
  payload: EventPayloads[T];
  occurredAt: Date;
};
type Handler<T extends EventType> = (event: DomainEvent<T>) => void | Promise<void>;

export class EventBus {
  #handlers = new Map<string, Handler<never>[]>();
  readonly #log: Logger | undefined;

  constructor(log?: Logger) {
    this.#log = log;
  }

  subscribe<T extends EventType>(type: T | '*', handler: Handler<T>): () => void {
    const list = this.#handlers.get(type) ?? [];
    list.push(handler as Handler<never>);
    this.#handlers.set(type, list);
    return () => {
      const l = this.#handlers.get(type) ?? [];
      this.#handlers.set(
        type,
        l.filter((h) => h !== (handler as Handler<never>)),
      );
    };
  }

  /**
   * Writes an event into the outbox with the caller's transaction (`db` is the transaction), so it
   * exists exactly when the change it tells of does. The dispatcher delivers it after the commit.
   */
  record<T extends EventType>(db: DbOrTx, type: T, payload: EventPayloads[T]): Promise<void> {
    return this.recordAll(db, type, [payload]);
  }

  /** Several events in one statement (e.g. one per notification written). */
  async recordAll<T extends EventType>(db: DbOrTx, type: T, payloads: EventPayloads[T][]): Promise<void> {
    await insertEvents(
      db,
      payloads.map((payload) => ({ type, payload })),
    );
  }

  /**
   * Runs every subscriber of the event side by side; rejects when one failed, after the others have
   * finished, so the dispatcher tries the event again later (subscribers are idempotent).
   */
  async deliver(event: DomainEvent): Promise<void> {
    const handlers = [
      ...(this.#handlers.get(event.type) ?? []),
      ...(this.#handlers.get('*') ?? []),
    ] as Handler<EventType>[];
    const results = await Promise.allSettled(handlers.map(async (handler) => handler(event)));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    for (const err of failures)
      this.#log?.error({ err, event: event.type, eventId: event.id }, 'event subscriber failed');
    if (failures.length) throw failures[0];
  }
}
