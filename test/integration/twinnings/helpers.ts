// Helpers for the twinning tests: people of the Tos.Ca. administrations with API tokens, a published
// practice of Regione Toscana, and the Tos.Ca. twinning created through the API by an animator.
import request from 'supertest';
import { createUser } from '../../factories.ts';
import type { TestContext } from '../../helpers/context.ts';
import { apiToken } from '../../helpers/http.ts';
import { insertPractice } from '../exchange/helpers.ts';

export type Person = Awaited<ReturnType<typeof createUser>> & { token: string; orgSlug: string | null };

export async function person(ctx: TestContext, organization: string, role: 'member' | 'animator' | 'admin' = 'member') {
  const user = await createUser(ctx, { organization, role });
  const [org] = await ctx.database.query<{ slug: string }>('SELECT slug FROM organizations WHERE id = $1', [
    user.organizationId,
  ]);
  return { ...user, token: await apiToken(ctx.app, user.email, user.password), orgSlug: org?.slug ?? null } as Person;
}

export const auth = (p: Person) => ({ Authorization: `Bearer ${p.token}` });

export type Cast = Awaited<ReturnType<typeof cast>>;

/** The Tos.Ca. cast: an animator, referents of Toscana and Vibo Valentia, an outsider; the TRIO practice. */
export async function cast(ctx: TestContext) {
  const animator = await person(ctx, 'Regione Lazio', 'animator');
  const toscana = await person(ctx, 'Regione Toscana');
  const vibo = await person(ctx, 'Comune di Vibo Valentia');
  const outsider = await person(ctx, 'CPI di Teramo');
  const practice = await insertPractice(
    ctx,
    { ...toscana, token: toscana.token },
    { slug: 'trio-e-learning', title: 'TRIO, il sistema di e-learning della Toscana' },
  );
  return { animator, toscana, vibo, outsider, practice };
}

export const tosca = (c: Cast, overrides: Record<string, unknown> = {}) => ({
  title: 'Tos.Ca. – Toscana e Calabria',
  summary: 'Il trasferimento dei modelli toscani a Vibo Valentia.',
  offering: [c.toscana.orgSlug],
  receiving: [c.vibo.orgSlug],
  practices: ['trio-e-learning'],
  startsOn: '2026-01-15',
  ...overrides,
});

/** The Tos.Ca. twinning created by the animator (approved), with model A; its JSON. */
export async function createTosca(ctx: TestContext, c: Cast, overrides: Record<string, unknown> = {}) {
  const res = await request(ctx.app)
    .post('/api/v1/twinnings')
    .set(auth(c.animator))
    .send(tosca(c, overrides))
    .expect(201);
  const slug = res.body.twinning.slug as string;
  await request(ctx.app)
    .post(`/api/v1/twinnings/${slug}/models`)
    .set(auth(c.animator))
    .send({ code: 'A', title: 'TRIO e-learning', offering: c.toscana.orgSlug, receiving: c.vibo.orgSlug })
    .expect(201);
  return { slug, twinning: res.body.twinning };
}

export const count = async (ctx: TestContext, table: string) =>
  (await ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
