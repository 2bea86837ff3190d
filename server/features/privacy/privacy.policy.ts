// Who may do what with personal data. A person exports and deletes only their own account; only
// admins read the privacy log, set the deletion rule and edit the privacy and cookie texts.
import type { Actor } from '../../core/deps.ts';
import { isAdmin } from '../accounts/accounts.policy.ts';

export const canExportOwnData = (actor: Actor): boolean => Boolean(actor);
export const canDeleteOwnAccount = (actor: Actor): boolean => Boolean(actor);
export const canManagePrivacy = (actor: Actor): boolean => isAdmin(actor);
