// The domain event catalogue and the one bus. Services publish after their transaction commits;
// the activity feed, notifications and live broadcast subscribe here.
import type { Logger } from 'pino';

/**
 * What a feature publishes about content it owns so the activity feed shows it: the features that
 * do not exist yet (courses, practices, exchange, twinnings, news, events) only publish these.
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
  'exchange.posted',
  'twinning.created',
  'twinning.milestone',
  'article.published',
  'event.published',
] as const;
export type ContentEventType = (typeof CONTENT_EVENTS)[number];

type EventPayloads = {
  [K in ContentEventType]: ContentEventPayload;
} & {
  'user.registered': { userId: number; organizationId: number | null };
  'user.updated': { userId: number };
  'user.role_changed': { userId: number; role: string; byUserId: number };
  'organization.created': { organizationId: number; byUserId: number | null };
  'organization.verified': { organizationId: number; byUserId: number };
  'organization.merged': { fromOrganizationId: number; intoOrganizationId: number; byUserId: number };
  'token.created': { userId: number; tokenId: number };
  'token.revoked': { userId: number; tokenId: number };
  /** Someone signed out: live connections opened with that session close too. */
  'session.ended': { userId: number; sessionId: string };

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
  'post.edited': { postId: number; threadId: number; groupId: number; editorId: number; newlyMentionedUserIds: number[] };
  'post.deleted': { postId: number; threadId: number; groupId: number; byUserId: number };
  'post.hidden': { postId: number; threadId: number; groupId: number; byUserId: number; reason: string | null };
  'post.restored': { postId: number; threadId: number; groupId: number; byUserId: number; reason: string | null };
  'post.flagged': { postId: number; threadId: number; groupId: number; flagId: number; reporterId: number };
  'reaction.added': { postId: number; threadId: number; groupId: number; userId: number; kind: string; count: number };

  /** Someone asks to join a course with approval: its animators decide. */
  'course.enrolment_requested': { courseId: number; userId: number };
  'course.enrolment_approved': { courseId: number; userId: number; byUserId: number };
  /** Seats freed up in a session went to these people from its waiting list. */
  'session.seat_given': { courseId: number; sessionId: number; userIds: number[] };

  /** An activity row was stored (the live broadcaster sends it to the rooms it belongs to). */
  'activity.recorded': { activityId: number };
  /** A notification was stored for a person (the live broadcaster updates their bell). */
  'notification.created': { notificationId: number; userId: number };
};

export type EventType = keyof EventPayloads;
export type DomainEvent<T extends EventType = EventType> = {
  type: T;
  payload: EventPayloads[T];
  occurredAt: Date;
};
type Handler<T extends EventType> = (event: DomainEvent<T>) => void | Promise<void>;

export class EventBus {
  #handlers = new Map<string, Handler<never>[]>();
  #pending = new Set<Promise<unknown>>();
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
      this.#handlers.set(type, l.filter((h) => h !== (handler as Handler<never>)));
    };
  }

  /** Delivers an event to its subscribers; a failing subscriber is logged, never thrown to the writer. */
  publish<T extends EventType>(type: T, payload: EventPayloads[T]): void {
    const event: DomainEvent<T> = { type, payload, occurredAt: new Date() };
    for (const handler of [...(this.#handlers.get(type) ?? []), ...(this.#handlers.get('*') ?? [])]) {
      const run = (async () => (handler as Handler<T>)(event))().catch((err) =>
        this.#log?.error({ err, event: type }, 'event subscriber failed'),
      );
      this.#pending.add(run);
      void run.finally(() => this.#pending.delete(run));
    }
  }

  /** Waits for subscribers still running (shutdown and tests). */
  async drain(): Promise<void> {
    while (this.#pending.size) await Promise.all([...this.#pending]);
  }
}
