// Factories with overrides that create what they need through the real services.
import { setMembership } from '../models/queries/groups.ts';
import type { Group, GroupVisibility, Post, Role, Thread, User } from '../models/schema.ts';
import type { Deps } from '../server/core/deps.ts';
import { register, toSessionUser } from '../server/features/accounts/accounts.service.ts';
import {
  createPost as createPostService,
  createThread as createThreadService,
} from '../server/features/discussions/discussions.service.ts';
import { createGroup as createGroupService } from '../server/features/groups/groups.service.ts';

export const PASSWORD = 'password-di-prova-2026';
let n = 0;

export type UserOverrides = Partial<{
  name: string;
  email: string;
  password: string;
  organization: string;
  jobTitle: string;
  region: string;
  role: Role;
}>;

export function registrationInput(overrides: UserOverrides = {}) {
  n += 1;
  return {
    name: overrides.name ?? `Operatrice Prova ${n}`,
    email: overrides.email ?? `operatrice.${n}.${Date.now()}@esempio.it`,
    password: overrides.password ?? PASSWORD,
    organization: overrides.organization ?? 'CPI di Firenze',
    jobTitle: overrides.jobTitle ?? "Operatrice dell'accoglienza",
    region: overrides.region ?? 'Toscana',
  };
}

export async function createUser(deps: Deps, overrides: UserOverrides = {}): Promise<User & { password: string }> {
  const input = registrationInput(overrides);
  const user = await register(deps, input, { role: overrides.role ?? 'member' });
  return { ...user, password: input.password };
}

/** A group owned by an animator created on demand; extra members added as active members. */
export async function createGroup(
  deps: Deps,
  overrides: {
    name?: string;
    visibility?: GroupVisibility;
    owner?: User & { password: string };
    members?: User[];
    moderators?: User[];
  } = {},
): Promise<{ group: Group; owner: User & { password: string } }> {
  const owner = overrides.owner ?? (await createUser(deps, { role: 'animator' }));
  n += 1;
  const group = await createGroupService(deps, toSessionUser(owner), {
    name: overrides.name ?? `Gruppo di prova ${n}`,
    description: 'Un gruppo per le prove.',
    visibility: overrides.visibility ?? 'public',
  });
  for (const m of overrides.members ?? [])
    await setMembership(deps.database.db, { groupId: group.id, userId: m.id, role: 'member', status: 'active' });
  for (const m of overrides.moderators ?? [])
    await setMembership(deps.database.db, { groupId: group.id, userId: m.id, role: 'moderator', status: 'active' });
  return { group, owner };
}

export async function createThread(
  deps: Deps,
  author: User,
  group: Group,
  overrides: { title?: string; body?: string } = {},
): Promise<{ thread: Thread; post: Post }> {
  return createThreadService(deps, toSessionUser(author), group.slug, {
    title: overrides.title ?? 'Una discussione di prova',
    body: overrides.body ?? 'Il primo messaggio della discussione.',
  });
}

export async function createReply(
  deps: Deps,
  author: User,
  thread: Thread,
  body = 'Una risposta.',
  parentId?: number,
): Promise<Post> {
  return createPostService(deps, toSessionUser(author), thread.id, { body, ...(parentId ? { parentId } : {}) });
}
