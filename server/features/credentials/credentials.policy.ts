// Who may do what with credentials. Reading and verifying a credential needs no account: its id is
// random, and whoever the person gives it to must be able to check it. Pure functions.
import type { Actor } from '../../core/deps.ts';

/** Revokes a credential the platform issued (with a reason): administrators. */
export const canRevoke = (actor: Actor): boolean => actor?.role === 'admin';

/** Sees their own credentials and imports others into their booklet: any signed-in person. */
export const canKeepCredentials = (actor: Actor): boolean => Boolean(actor);
