// Helpers for the questionnaire tests: a small questionnaire with known weights, scores, bands and a
// condition (written through the browser editor's service, so it is checked like any file), members
// of administrations with API tokens.
import request from 'supertest';
import { createUser } from '../../factories.ts';
import type { TestContext } from '../../helpers/context.ts';
import { apiToken } from '../../helpers/http.ts';
import { saveFromEditor } from '../../../server/features/questionnaires/questionnaires.service.ts';

export type Member = Awaited<ReturnType<typeof createUser>> & { token: string };

export async function member(ctx: TestContext, overrides: Parameters<typeof createUser>[1] = {}): Promise<Member> {
  const user = await createUser(ctx, overrides);
  return { ...user, token: await apiToken(ctx.app, user.email, user.password) } as Member;
}
export const auth = (m: Member) => ({ Authorization: `Bearer ${m.token}` });

/**
 * Two dimensions. «servizio»: likert l1 (weight 2), single s1 (weight 1: si=2, parte=1, no=0);
 * «rete»: number n1 0–10 (weight 1), multiple m1 (weight 1: a=1, b=1, c=2) shown only when s1 = si.
 */
export const FIXTURE_YAML = (
  opts: { audience?: string; subject?: string; published?: boolean; group?: string } = {},
) => `
title: Questionario di prova
summary: Per i test.
intro: Introduzione **in markdown**.
audience: ${opts.audience ?? 'members'}
${opts.group ? `group: ${opts.group}` : ''}
subject: ${opts.subject ?? 'organisation'}
published: ${opts.published ?? true}
dimensions:
  - key: servizio
    title: Servizio
    courses: [corso-inesistente]
    themes: [servizi-impiego]
    bands:
      - { min: 0, max: 40, kind: improve, label: Da migliorare, advice: "Fai il **corso**." }
      - { min: 40, max: 100, kind: strength, label: Forte, advice: "Bene così." }
  - key: rete
    title: Rete
    bands:
      - { min: 0, max: 50, kind: improve, label: Debole, advice: "Costruisci la rete." }
      - { min: 50, max: 100, kind: strength, label: Solida, advice: "Ottimo." }
sections:
  - key: a
    title: Prima parte
    questions:
      - { id: l1, type: likert, text: Quanto funziona il servizio?, required: true, weights: { servizio: 2 } }
      - id: s1
        type: single
        text: Avete procedure scritte?
        required: true
        weights: { servizio: 1 }
        options: [{ value: si, label: Sì, score: 2 }, { value: parte, label: In parte, score: 1 }, { value: "no", label: "No", score: 0 }]
  - key: b
    title: Seconda parte
    questions:
      - { id: n1, type: number, text: Quanti partner?, required: true, min: 0, max: 10, weights: { rete: 1 } }
      - id: m1
        type: multiple
        text: Quali strumenti usate?
        required: true
        weights: { rete: 1 }
        showIf: { question: s1, equals: si }
        options: [{ value: a, label: A, score: 1 }, { value: b, label: B, score: 1 }, { value: c, label: C, score: 2 }]
      - { id: t1, type: text, text: Commenti }
`;

export async function fixture(ctx: TestContext, opts: Parameters<typeof FIXTURE_YAML>[0] & { slug?: string } = {}) {
  const animator = await createUser(ctx, { role: 'animator', organization: 'Formez PA' });
  return saveFromEditor(ctx, animator, { slug: opts.slug ?? 'prova', yaml: FIXTURE_YAML(opts) });
}

export const answer = (ctx: TestContext, m: Member | null, slug: string, body: unknown) => {
  const r = request(ctx.app).post(`/api/v1/questionnaires/${slug}/responses`);
  return (m ? r.set(auth(m)) : r).send(body as object);
};
