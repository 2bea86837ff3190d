// Direct tests of the pure policies other than the groups' (test/unit/groups/groups.policy.test.ts).
import { expect } from 'chai';
import type { Role } from '../../models/schema.ts';
import { UnauthorizedError, ForbiddenError } from '../../server/core/errors.ts';
import {
  assertCan,
  canChangeRoles,
  canEditProfile,
  canManageOrganizations,
  canSeeEmail,
  canSeeLastLogin,
  isAdmin,
} from '../../server/features/accounts/accounts.policy.ts';
import { canReadAttachment, type AttachmentPlace } from '../../server/features/attachments/attachments.policy.ts';
import {
  canCreateCourse,
  canEnrol,
  canLearn,
  canManageCourse,
  canSeeCourse,
  canStudyCourse,
  type CourseRelation,
} from '../../server/features/courses/courses.policy.ts';
import {
  canDeletePost,
  canEditPost,
  canFlag,
  canReact,
  canReply,
  canSeeHistory,
  canSeePostBody,
} from '../../server/features/discussions/discussions.policy.ts';
import type { GroupAccess } from '../../server/features/groups/groups.service.ts';
import { canBeNotified, canReadOutbox } from '../../server/features/notifications/notifications.policy.ts';

const person = (id: number, role: Role = 'member'): Express.User => ({
  id,
  name: `Persona ${id}`,
  email: `p${id}@esempio.it`,
  role,
  organizationId: null,
  locale: 'it',
});
const member = person(1);
const other = person(2);
const animator = person(3, 'animator');
const admin = person(4, 'admin');

describe('accounts.policy', () => {
  it('gives roles and administrations to admins only', () => {
    for (const can of [isAdmin, canChangeRoles, canManageOrganizations]) {
      expect([null, member, animator, admin].map(can)).to.deep.equal([false, false, false, true]);
    }
  });

  it('lets people edit their own profile and see their own e-mail; admins everyone’s', () => {
    expect(canEditProfile(member, member.id)).to.equal(true);
    expect(canEditProfile(other, member.id)).to.equal(false);
    expect(canEditProfile(animator, member.id)).to.equal(false);
    expect(canEditProfile(admin, member.id)).to.equal(true);
    expect(canEditProfile(null, member.id)).to.equal(false);
    expect(canSeeEmail(other, member.id)).to.equal(false);
    expect(canSeeEmail(member, member.id)).to.equal(true);
  });

  it('shows the last login to signed-in people only', () => {
    expect([null, member].map(canSeeLastLogin)).to.deep.equal([false, true]);
  });

  it('asserts: 401 for anonymous visitors, 403 without the right', () => {
    expect(() => assertCan(null, true)).to.throw(UnauthorizedError);
    expect(() => assertCan(member, false)).to.throw(ForbiddenError);
    expect(() => assertCan(member, true)).not.to.throw();
  });
});

describe('attachments.policy', () => {
  const inGroup = (
    visibility: 'public' | 'closed' | 'private',
    state: Partial<{ deleted: boolean; hidden: boolean }> = {},
  ): AttachmentPlace => ({
    uploaderId: member.id,
    post: { deleted: false, hidden: false, ...state, group: { visibility } },
  });
  const active = { role: 'member', status: 'active' } as const;

  it('keeps a fresh upload (no post yet) to its uploader', () => {
    const fresh: AttachmentPlace = { uploaderId: member.id, post: null };
    expect(canReadAttachment(member, fresh, undefined)).to.equal(true);
    expect(canReadAttachment(other, fresh, undefined)).to.equal(false);
    expect(canReadAttachment(admin, fresh, undefined)).to.equal(false);
    expect(canReadAttachment(null, fresh, undefined)).to.equal(false);
  });

  it('follows the group’s read rule for a post’s file', () => {
    expect(canReadAttachment(null, inGroup('public'), undefined)).to.equal(true);
    expect(canReadAttachment(other, inGroup('closed'), undefined)).to.equal(false);
    expect(canReadAttachment(other, inGroup('closed'), { role: 'member', status: 'pending' })).to.equal(false);
    expect(canReadAttachment(other, inGroup('private'), active)).to.equal(true);
    expect(canReadAttachment(admin, inGroup('private'), undefined)).to.equal(true);
    expect(canReadAttachment(animator, inGroup('private'), undefined)).to.equal(false);
  });

  it('hides a deleted post’s file from everyone, a hidden one from all but moderators', () => {
    expect(canReadAttachment(admin, inGroup('public', { deleted: true }), undefined)).to.equal(false);
    expect(canReadAttachment(other, inGroup('public', { hidden: true }), active)).to.equal(false);
    expect(
      canReadAttachment(other, inGroup('public', { hidden: true }), { role: 'moderator', status: 'active' }),
    ).to.equal(true);
    expect(canReadAttachment(animator, inGroup('public', { hidden: true }), undefined)).to.equal(true);
  });
});

describe('courses.policy', () => {
  const none: CourseRelation = { enrolment: undefined, animator: false };
  const learner: CourseRelation = { enrolment: { status: 'active' }, animator: false };
  const waiting: CourseRelation = { enrolment: { status: 'pending' }, animator: false };
  const runs: CourseRelation = { enrolment: undefined, animator: true };
  const course = (status: 'draft' | 'published', enrolment: 'open' | 'approval' = 'open') => ({
    status,
    enrolment,
    createdBy: 99,
  });

  it('lets the course’s animators, its creator and admins run it; other animators not', () => {
    expect(canManageCourse(animator, course('published'), runs)).to.equal(true);
    expect(canManageCourse(animator, { createdBy: animator.id }, none)).to.equal(true);
    expect(canManageCourse(animator, course('published'), none)).to.equal(false);
    expect(canManageCourse(member, course('published'), runs)).to.equal(false);
    expect(canManageCourse(admin, course('published'), none)).to.equal(true);
    expect(canManageCourse(null, course('published'), runs)).to.equal(false);
  });

  it('shows published courses to everyone and drafts to those who run them', () => {
    expect(canSeeCourse(null, course('published'), none)).to.equal(true);
    expect(canSeeCourse(member, course('draft'), learner)).to.equal(false);
    expect(canSeeCourse(animator, course('draft'), runs)).to.equal(true);
  });

  it('opens lessons of open courses to everyone, of approval courses to active learners and runners', () => {
    expect(canStudyCourse(null, course('published'), none)).to.equal(true);
    expect(canStudyCourse(member, course('published', 'approval'), waiting)).to.equal(false);
    expect(canStudyCourse(member, course('published', 'approval'), learner)).to.equal(true);
    expect(canStudyCourse(admin, course('published', 'approval'), none)).to.equal(true);
    expect(canStudyCourse(member, course('draft'), learner)).to.equal(false);
  });

  it('lets active learners of a published course learn, and people not yet enrolled enrol', () => {
    expect(canLearn(member, course('published'), learner)).to.equal(true);
    expect(canLearn(member, course('published'), waiting)).to.equal(false);
    expect(canLearn(member, course('draft'), learner)).to.equal(false);
    expect(canLearn(null, course('published'), learner)).to.equal(false);
    expect(canEnrol(member, course('published'), none)).to.equal(true);
    expect(canEnrol(member, course('published'), waiting)).to.equal(false);
    expect(canEnrol(member, course('draft'), none)).to.equal(false);
    expect(canEnrol(null, course('published'), none)).to.equal(false);
  });

  it('lets animators and admins create courses', () => {
    expect([null, member, animator, admin].map(canCreateCourse)).to.deep.equal([false, false, true, true]);
  });
});

describe('discussions.policy', () => {
  const access = (can: Partial<GroupAccess['can']>): GroupAccess =>
    ({
      group: {} as GroupAccess['group'],
      membership: undefined,
      can: { read: true, post: false, moderate: false, manage: false, join: false, leave: false, ...can },
    }) as GroupAccess;
  const poster = access({ post: true });
  const moderator = access({ post: true, moderate: true });
  const reader = access({});
  const post = (state: Partial<{ authorId: number | null; deletedAt: Date | null; hiddenAt: Date | null }> = {}) => ({
    authorId: member.id,
    deletedAt: null,
    hiddenAt: null,
    ...state,
  });

  it('replies in unlocked threads; moderators in locked ones too', () => {
    expect(canReply(poster, { locked: false })).to.equal(true);
    expect(canReply(poster, { locked: true })).to.equal(false);
    expect(canReply(moderator, { locked: true })).to.equal(true);
    expect(canReply(reader, { locked: false })).to.equal(false);
  });

  it('lets authors edit their visible posts while they may post; deletes for authors and moderators', () => {
    expect(canEditPost(member, poster, post())).to.equal(true);
    expect(canEditPost(member, reader, post())).to.equal(false);
    expect(canEditPost(member, poster, post({ hiddenAt: new Date() }))).to.equal(false);
    expect(canEditPost(other, moderator, post())).to.equal(false);
    expect(canDeletePost(member, reader, post())).to.equal(true);
    expect(canDeletePost(other, poster, post())).to.equal(false);
    expect(canDeletePost(other, moderator, post())).to.equal(true);
    expect(canDeletePost(other, moderator, post({ deletedAt: new Date() }))).to.equal(false);
  });

  it('shows hidden words and edit history to moderators only, deleted words to nobody', () => {
    expect(canSeePostBody(reader, post({ hiddenAt: new Date() }))).to.equal(false);
    expect(canSeePostBody(moderator, post({ hiddenAt: new Date() }))).to.equal(true);
    expect(canSeePostBody(moderator, post({ deletedAt: new Date() }))).to.equal(false);
    expect([reader, poster, moderator].map(canSeeHistory)).to.deep.equal([false, false, true]);
  });

  it('lets posters react, and readers flag others’ visible posts', () => {
    expect(canReact(member, poster, post())).to.equal(true);
    expect(canReact(member, reader, post())).to.equal(false);
    expect(canFlag(other, reader, post())).to.equal(true);
    expect(canFlag(member, reader, post())).to.equal(false);
    expect(canFlag(other, access({ read: false }), post())).to.equal(false);
    expect(canFlag(null, reader, post())).to.equal(false);
  });
});

describe('notifications.policy', () => {
  it('tells only people who read the group; an invitation needs only to see it', () => {
    const invited = { role: 'member', status: 'invited' } as const;
    expect(canBeNotified(member, 'reply', { visibility: 'private' }, invited)).to.equal(false);
    expect(canBeNotified(member, 'invited', { visibility: 'private' }, invited)).to.equal(true);
    expect(
      canBeNotified(member, 'new_thread', { visibility: 'closed' }, { role: 'member', status: 'pending' }),
    ).to.equal(false);
    expect(canBeNotified(member, 'new_thread', { visibility: 'public' }, undefined)).to.equal(true);
    expect(canBeNotified(admin, 'mention', { visibility: 'private' }, undefined)).to.equal(true);
    expect(canBeNotified(animator, 'mention', { visibility: 'private' }, undefined)).to.equal(false);
  });

  it('shows the mail outbox to admins only', () => {
    expect([null, member, animator, admin].map(canReadOutbox)).to.deep.equal([false, false, false, true]);
  });
});
