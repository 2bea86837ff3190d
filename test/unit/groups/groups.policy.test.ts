import { expect } from 'chai';
import type { GroupRole, GroupVisibility, Role } from '../../../models/schema.ts';
import { readableByEveryone } from '../../../models/queries/visibility.ts';
import {
  canCreateGroup,
  canManageGroup,
  canModerateGroup,
  canPostInGroup,
  canReadGroup,
  canSeeGroup,
  joinOutcome,
  type Membership,
} from '../../../server/features/groups/groups.policy.ts';

const person = (role: Role = 'member'): Express.User => ({
  id: 7,
  name: 'Paola',
  email: 'paola@esempio.it',
  role,
  organizationId: null,
  locale: 'it',
});
const membership = (status: 'active' | 'pending' | 'invited', role: GroupRole = 'member'): Membership => ({
  status,
  role,
});

/** Every kind of viewer: their site role and their membership of the group (a removed member has none). */
const VIEWERS: Record<string, { actor: Express.User | null; m: Membership }> = {
  anonymous: { actor: null, m: undefined },
  outsider: { actor: person(), m: undefined },
  member: { actor: person(), m: membership('active') },
  pending: { actor: person(), m: membership('pending') },
  invited: { actor: person(), m: membership('invited') },
  removed: { actor: person(), m: null },
  moderator: { actor: person(), m: membership('active', 'moderator') },
  owner: { actor: person(), m: membership('active', 'owner') },
  animator: { actor: person('animator'), m: undefined },
  admin: { actor: person('admin'), m: undefined },
};

const ALL = Object.keys(VIEWERS);
const ACTIVE = ['member', 'moderator', 'owner'];

/** The rule written out: who knows the group exists, who reads it. */
const EXPECTED: Record<GroupVisibility, { see: string[]; read: string[] }> = {
  public: { see: ALL, read: ALL },
  closed: { see: ALL, read: [...ACTIVE, 'admin'] },
  private: { see: [...ACTIVE, 'invited', 'admin'], read: [...ACTIVE, 'admin'] },
};

describe('groups.policy', () => {
  for (const visibility of ['public', 'closed', 'private'] as const) {
    describe(`a ${visibility} group`, () => {
      for (const [kind, { actor, m }] of Object.entries(VIEWERS)) {
        it(`${kind}: sees ${EXPECTED[visibility].see.includes(kind)}, reads ${EXPECTED[visibility].read.includes(kind)}`, () => {
          expect(canSeeGroup(actor, { visibility }, m), 'see').to.equal(EXPECTED[visibility].see.includes(kind));
          expect(canReadGroup(actor, { visibility }, m), 'read').to.equal(EXPECTED[visibility].read.includes(kind));
        });
      }

      it('never lets anyone read what they may not see', () => {
        for (const { actor, m } of Object.values(VIEWERS)) {
          if (canReadGroup(actor, { visibility }, m)) expect(canSeeGroup(actor, { visibility }, m)).to.equal(true);
        }
      });

      it('lets only active members post, whatever their site role', () => {
        const posters = Object.entries(VIEWERS)
          .filter(([, v]) => canPostInGroup(v.actor, { visibility }, v.m))
          .map(([k]) => k);
        expect(posters).to.deep.equal(ACTIVE);
        expect(canPostInGroup(person('admin'), { visibility }, undefined)).to.equal(false);
      });
    });
  }

  it('sends activity to the public feed room only for groups everyone reads', () => {
    expect(['public', 'closed', 'private'].filter((v) => readableByEveryone(v as GroupVisibility))).to.deep.equal([
      'public',
    ]);
  });

  it('lets owners, moderators, animators and admins moderate; only owners, animators and admins manage', () => {
    const moderators = Object.entries(VIEWERS)
      .filter(([, v]) => canModerateGroup(v.actor, v.m))
      .map(([k]) => k);
    expect(moderators).to.deep.equal(['moderator', 'owner', 'animator', 'admin']);
    const managers = Object.entries(VIEWERS)
      .filter(([, v]) => canManageGroup(v.actor, v.m))
      .map(([k]) => k);
    expect(managers).to.deep.equal(['owner', 'animator', 'admin']);
    // A role held while the membership is not active gives nothing.
    expect(canModerateGroup(person(), membership('pending', 'moderator'))).to.equal(false);
    expect(canManageGroup(person(), membership('invited', 'owner'))).to.equal(false);
  });

  it('lets animators and admins create groups', () => {
    expect([null, person(), person('animator'), person('admin')].map(canCreateGroup)).to.deep.equal([
      false,
      false,
      true,
      true,
    ]);
  });

  it('joins a public group at once, asks for a closed one, needs an invitation for a private one', () => {
    expect((['public', 'closed', 'private'] as const).map((visibility) => joinOutcome({ visibility }))).to.deep.equal([
      'active',
      'pending',
      'invitation_required',
    ]);
  });
});
