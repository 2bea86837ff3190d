// Helpers for the Cerco / Offro tests: members of distinct administrations with API tokens, posts
// written through the API, and practices put straight into the registry's table (their own feature
// writes them elsewhere; here only their status and text matter).
import request from 'supertest';
import { practices, type PracticeStatus, type PracticeTheme } from '../../../models/schema.ts';
import { createUser } from '../../factories.ts';
import type { TestContext } from '../../helpers/context.ts';
import { apiToken } from '../../helpers/http.ts';

export type Member = Awaited<ReturnType<typeof createUser>> & { token: string };

/** A member of the administration `organization` (created on demand), with an API token. */
export async function member(ctx: TestContext, organization: string, role: 'member' | 'admin' = 'member') {
  const user = await createUser(ctx, { organization, role });
  return { ...user, token: await apiToken(ctx.app, user.email, user.password) } as Member;
}

export const auth = (m: Member) => ({ Authorization: `Bearer ${m.token}` });

export const postInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'cerco',
  title: 'Cerchiamo un modello di accoglienza per disoccupati over 50',
  description: 'Cerchiamo un percorso di accoglienza e bilancio delle competenze per disoccupati over 50.',
  theme: 'servizi-impiego',
  region: 'Calabria',
  ...overrides,
});

/** A post written through the API by `author`; its JSON. */
export async function createPost(ctx: TestContext, author: Member, overrides: Record<string, unknown> = {}) {
  const res = await request(ctx.app).post('/api/v1/exchange').set(auth(author)).send(postInput(overrides)).expect(201);
  return res.body.post as { id: number; title: string; status: string; expiresAt: string };
}

/** A practice of `author`'s administration, in the given status. */
export async function insertPractice(
  ctx: TestContext,
  author: Member,
  values: {
    slug: string;
    title: string;
    summary?: string;
    description?: string;
    theme?: PracticeTheme;
    region?: string;
  },
  status: PracticeStatus = 'published',
) {
  const [row] = await ctx.database.db
    .insert(practices)
    .values({
      slug: values.slug,
      title: values.title,
      summary: values.summary ?? '',
      description: values.description ?? '',
      theme: values.theme ?? 'servizi-impiego',
      region: values.region ?? 'Toscana',
      organizationId: author.organizationId!,
      contactUserId: author.id,
      createdBy: author.id,
      status,
      publishedAt: status === 'published' ? new Date() : null,
    })
    .returning();
  return row!;
}
