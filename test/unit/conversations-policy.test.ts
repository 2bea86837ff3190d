import { expect } from 'chai';
import {
  blockBetween,
  canMessageMember,
  canReadConversation,
  canReportMessage,
  canReviewReports,
  canWrite,
} from '../../server/features/conversations/conversations.policy.ts';

const person = (id: number, role: Express.User['role'] = 'member'): Express.User => ({
  id,
  name: `P${id}`,
  email: `p${id}@esempio.it`,
  role,
  organizationId: null,
  locale: 'it',
});

describe('private conversations policy', () => {
  it('lets participants alone read: no other member, no administrator, no visitor', () => {
    expect(canReadConversation(person(1), { userId: 1 })).to.equal(true);
    expect(canReadConversation(person(2), { userId: 1 })).to.equal(false);
    expect(canReadConversation(person(3, 'admin'), undefined)).to.equal(false);
    expect(canReadConversation(null, { userId: 1 })).to.equal(false);
  });

  it('names which way a block stands, the actor’s own first', () => {
    expect(blockBetween(1, [])).to.equal(null);
    expect(blockBetween(1, [{ blockerId: 2, blockedId: 1 }])).to.deep.equal({ reason: 'blocked_you', otherId: 2 });
    expect(
      blockBetween(1, [
        { blockerId: 2, blockedId: 1 },
        { blockerId: 1, blockedId: 3 },
      ]),
    ).to.deep.equal({ reason: 'you_blocked', otherId: 3 });
  });

  it('writes only with someone to read it and no block', () => {
    expect(canWrite(true, [], 1)).to.equal(true);
    expect(canWrite(true, [], 0)).to.equal(false);
    expect(canWrite(true, [{ blockerId: 1, blockedId: 2 }], 1)).to.equal(false);
    expect(canWrite(false, [], 1)).to.equal(false);
    expect(canMessageMember(person(1), 1, [])).to.equal(false);
    expect(canMessageMember(null, 2, [])).to.equal(false);
    expect(canMessageMember(person(1), 2, [{ blockerId: 2, blockedId: 1 }])).to.equal(false);
  });

  it('reports others’ words still there; reviews are for administrators', () => {
    const message = { authorId: 2, kind: 'text', removedAt: null };
    expect(canReportMessage(person(1), message)).to.equal(true);
    expect(canReportMessage(person(2), message)).to.equal(false);
    expect(canReportMessage(person(1), { ...message, kind: 'joined' })).to.equal(false);
    expect(canReportMessage(person(1), { ...message, removedAt: new Date() })).to.equal(false);
    expect(canReviewReports(person(1, 'animator'))).to.equal(false);
    expect(canReviewReports(person(1, 'admin'))).to.equal(true);
  });
});
