// Who may do what with the competence repertory. Everyone, signed in or not, reads it (it is
// reference data, like the course catalogue); only admins import into it and extend it.
import type { Actor } from '../../core/deps.ts';

export const canImportCompetences = (actor: Actor): boolean => actor?.role === 'admin';
