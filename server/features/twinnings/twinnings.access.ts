// Who may see and change a twinning, and the few names every twinning use case shares.
import * as q from '../../../models/queries/twinnings.ts';
import type { Twinning, TwinningStatus } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from '../../core/errors.ts';
import { translator } from '../../core/i18n.ts';
import { canManageTwinning, canReadTwinning, type Participation } from './twinnings.policy.ts';

/** Stored texts (thread titles, the reuse note) are written in Italian, the platform's first language. */
export const translate = translator('it');

export const twinningUrl = (slug: string) => `/gemellaggi/${slug}`;

export type Access = { twinning: Twinning; participation: Participation };

/** A twinning the actor may read, with their participation (a 404 otherwise, as if it did not exist). */
export async function findReadable(deps: Deps, actor: Actor, slug: string): Promise<Access> {
  const twinning = await q.findTwinning(deps.database.db, slug);
  if (!twinning) throw new NotFoundError('twinnings.errors.not_found');
  const participation = actor ? await q.findParticipant(deps.database.db, twinning.id, actor.id) : undefined;
  if (!canReadTwinning(actor, twinning, participation)) throw new NotFoundError('twinnings.errors.not_found');
  return { twinning, participation };
}

export async function findManageable(deps: Deps, actor: Actor, slug: string): Promise<Access> {
  if (!actor) throw new UnauthorizedError();
  const access = await findReadable(deps, actor, slug);
  if (!canManageTwinning(actor, access.participation)) throw new ForbiddenError('twinnings.errors.not_manager');
  if (access.twinning.status === 'closed') throw new ConflictError('twinnings.errors.closed');
  return access;
}

/** The status machine's steps in order (the page's timeline and the lists' filter). */
export const STATUS_ORDER: TwinningStatus[] = ['proposed', 'approved', 'in_progress', 'completed', 'closed'];

/** The feed's payload for a twinning event: public once approved, the actor's alone while proposed. */
export const contentPayload = (t: Twinning, actorId: number) => ({
  actorId,
  objectId: t.id,
  title: t.title,
  url: twinningUrl(t.slug),
  ...(t.status === 'proposed' ? { privateToActor: true } : {}),
});
