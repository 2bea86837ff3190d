// HTTP helpers: agents that keep cookies, CSRF tokens read from real forms, signed-in agents.
import request from 'supertest';
import type { App } from '../../server/app.ts';

export type Agent = ReturnType<typeof request.agent>;

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in page');
  return match[1]!;
}

/** Loads a page with a form and returns its CSRF token (this creates the visitor's session). */
export async function formToken(agent: Agent, path: string): Promise<string> {
  const res = await agent.get(path).expect(200);
  return csrfFrom(res.text);
}

/** An agent signed in through the real login form. */
export async function signedInAgent(app: App, email: string, password: string): Promise<Agent> {
  const agent = request.agent(app);
  const token = await formToken(agent, '/accedi');
  await agent.post('/accedi').type('form').send({ _csrf: token, email, password }).expect(303);
  return agent;
}

/**
 * A personal API token obtained through the API, with every scope its owner may have: read and
 * write, and admin for an admin (whose token acts as a member's without it).
 */
export async function apiToken(app: App, email: string, password: string): Promise<string> {
  const res = await request(app).post('/api/v1/auth/token').send({ email, password }).expect(201);
  if (res.body.user?.role !== 'admin') return res.body.token as string;
  const admin = await request(app)
    .post('/api/v1/auth/token')
    .send({ email, password, scopes: ['read', 'write', 'admin'] })
    .expect(201);
  return admin.body.token as string;
}
