// Factories with overrides that create what they need through the real services.
import type { Role, User } from '../models/schema.ts';
import type { Deps } from '../server/core/deps.ts';
import { register } from '../server/features/accounts/accounts.service.ts';

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
