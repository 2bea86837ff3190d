// Helpers of the practice registry's tests: people of an administration, a complete practice's
// input, a practice through the real services at any point of its lifecycle, and API tokens.
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { organizations, type Practice, type User } from '../../../models/schema.ts';
import type { App } from '../../../server/app.ts';
import type { Deps } from '../../../server/core/deps.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import {
  publishPractice,
  submitPractice,
  validatePractice,
} from '../../../server/features/practices/practices.lifecycle.service.ts';
import { createPractice } from '../../../server/features/practices/practices.service.ts';
import { createUser, type UserOverrides } from '../../factories.ts';
import { apiToken } from '../../helpers/http.ts';

export type Person = User & { password: string };

export const bearer = async (app: App, user: { email: string; password: string }) => ({
  authorization: `Bearer ${await apiToken(app, user.email, user.password)}`,
});

/** The slug of a person's administration. */
export async function orgSlugOf(deps: Deps, user: User): Promise<string> {
  const [row] = await deps.database.db
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.id, user.organizationId!));
  return row!.slug;
}

/** The cast of most tests: an author and a colleague of one administration, a member of another, an animator, an admin. */
export async function cast(deps: Deps) {
  const author = await createUser(deps, { name: 'Elena Bartolini', organization: 'Regione Toscana' });
  const coAuthor = await createUser(deps, { name: 'Stefano Guidi', organization: 'Regione Toscana' });
  const outsider = await createUser(deps, { name: 'Antonio Barbieri', organization: 'Comune di Vibo Valentia' });
  const animator = await createUser(deps, { name: 'Lucia Ferraro', role: 'animator', organization: 'Formez PA' });
  const admin = await createUser(deps, { name: 'Amministrazione', role: 'admin', organization: 'Formez PA' });
  return { author, coAuthor, outsider, animator, admin, org: await orgSlugOf(deps, author) };
}

export const person = (deps: Deps, overrides: UserOverrides = {}) => createUser(deps, overrides);

/** What a draft needs (the API's minimum). */
export const draftInput = (organization: string, overrides: Record<string, unknown> = {}) => ({
  title: 'TRIO: formazione a distanza per i tirocini',
  summary: 'La piattaforma e-learning aperta della Regione Toscana per i tirocinanti e gli operatori.',
  description: 'Il sistema **TRIO** eroga moduli formativi a distanza.\n\nÈ aperto a tutti i cittadini dal 1998.',
  organization,
  region: 'Toscana',
  theme: 'formazione',
  ...overrides,
});

/** Everything publication needs besides the draft. */
export const completion = {
  targetUsers: 'Operatori dei Centri per l’impiego, tirocinanti, cittadini in cerca di lavoro.',
  objectives: 'Rendere la formazione accessibile a distanza, in ogni momento.',
  results: 'Migliaia di utenti formati ogni anno.',
  indicators: [{ name: 'Utenti iscritti', value: '12000', unit: 'persone', date: '2014-12-31' }],
  reuseRequirements: 'Un server web e un gruppo di tutor formati.',
  licence: 'EUPL 1.2',
  components: [{ code: 'A', title: 'Modello A – Piattaforma e-learning', description: 'Moduli a distanza.' }],
};

export const completeInput = (organization: string, overrides: Record<string, unknown> = {}) => ({
  ...draftInput(organization),
  ...completion,
  ...overrides,
});

/** A practice written by `author` through the services, taken up to `status`. */
export async function practiceAt(
  deps: Deps,
  status: 'draft' | 'submitted' | 'validated' | 'published',
  people: { author: Person; validator: Person; org: string },
  overrides: Record<string, unknown> = {},
): Promise<Practice> {
  const author = toSessionUser(people.author);
  const validator = toSessionUser(people.validator);
  let practice = await createPractice(deps, author, completeInput(people.org, overrides));
  if (status === 'draft') return practice;
  practice = (await submitPractice(deps, author, practice.slug)).practice;
  if (status === 'submitted') return practice;
  practice = (
    await validatePractice(deps, validator, practice.slug, {
      decision: 'validated',
      scores: { efficacia: { score: 3, note: 'Risultati misurati.' }, trasferibilita: 4 },
      strengths: 'Aperta a tutti.',
      weaknesses: 'Dipende dai tutor.',
      comment: 'Una pratica solida.',
    })
  ).practice;
  if (status === 'validated') return practice;
  return (await publishPractice(deps, validator, practice.slug)).practice;
}

export const api = (app: App) => request(app);
