// A known network for the monitoring tests: people, groups and discussions made with the factories,
// then the rows of the other areas (courses, practices, Cerco / Offro, conversations, events) put
// straight into their tables with chosen dates, and every date moved to a chosen instant. The
// period under test is March 2026 by weeks: 2026-03-02 (Monday) to 2026-03-29 (Sunday), whose last
// day ends at 22:00 UTC (Italian summer time starts that morning) and whose first starts at 23:00
// UTC on 1 March (winter time). Each figure the tests expect is worked out beside the rows.
import type { User } from '../../../models/schema.ts';
import { createGroup, createReply, createThread, createUser } from '../../factories.ts';
import type { TestContext } from '../../helpers/context.ts';

export const PERIOD = { from: '2026-03-02', to: '2026-03-29' } as const;
export const WEEKS = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'];

type Person = User & { password: string };
export type Network = {
  animator: Person;
  outsider: Person;
  admin: Person;
  member: Person;
  people: Record<'a' | 'o' | 'm1' | 'm2' | 'm3' | 'm4', Person>;
  groups: { g1: string; g2: string; g3: string; g4: string };
};

const at = (iso: string) => new Date(iso);

export async function buildNetwork(ctx: TestContext): Promise<Network> {
  const q = (text: string, params: unknown[] = []) => ctx.database.query(text, params);
  const setCreated = (table: string, id: number, iso: string) =>
    q(`UPDATE ${table} SET created_at = $1 WHERE id = $2`, [at(iso).toISOString(), id]);

  // --- People (members: total 5 by the end — a, o, m1, m2, m3; new 3 — m1 w1, m2 w2, m3 w4).
  const a = await createUser(ctx, { role: 'animator', name: 'Anna Animatrice', organization: 'Regione Toscana' });
  const o = await createUser(ctx, { name: 'Olga Storica', organization: 'CPI di Pisa' });
  const m1 = await createUser(ctx, { name: 'Marco Uno', organization: 'CPI di Prato' });
  const m2 = await createUser(ctx, { name: 'Maria Due', organization: 'CPI di Lucca' });
  const m3 = await createUser(ctx, { name: 'Mario Tre', organization: 'CPI di Prato' });
  const m4 = await createUser(ctx, { name: 'Monica Quattro', organization: 'CPI di Prato' });
  // Not in the figures' people: created after the period (the viewers of the permission tests).
  const outsider = await createUser(ctx, { role: 'animator', name: 'Bruno Animatore' });
  const admin = await createUser(ctx, { role: 'admin', name: 'Ada Amministratrice' });
  for (const [u, iso] of [
    [a, '2025-06-01T08:00:00Z'],
    [o, '2025-01-10T08:00:00Z'],
    [m1, '2026-03-03T08:00:00Z'],
    [m2, '2026-03-10T08:00:00Z'],
    // 23:30 in Italy on 29 March (summer time): the period's last day.
    [m3, '2026-03-29T21:30:00Z'],
    // 00:30 in Italy on 30 March: the day after.
    [m4, '2026-03-29T22:30:00Z'],
    [outsider, '2026-05-01T08:00:00Z'],
    [admin, '2026-05-01T08:00:00Z'],
  ] as const)
    await setCreated('users', u.id, iso);
  // Active (the 30 days ending with the period, from 2026-02-27 22:00 UTC): o by sign-in, a, m1, m2
  // by writing. m4's sign-in is after the period's end, m3's before the window.
  await q('UPDATE users SET last_login_at = $1 WHERE id = $2', ['2026-03-15T09:00:00Z', o.id]);
  await q('UPDATE users SET last_login_at = $1 WHERE id = $2', ['2026-03-30T09:00:00Z', m4.id]);
  await q('UPDATE users SET last_login_at = $1 WHERE id = $2', ['2026-02-20T09:00:00Z', m3.id]);

  // --- Groups and discussions. Ranking by posts in the period: g3 (5, private), g1 (4), g2 (2).
  const { group: g1 } = await createGroup(ctx, { owner: a, name: 'Comunità SPI', members: [m1, m2] });
  const { group: g2 } = await createGroup(ctx, { owner: a, name: 'Rete degli osservatori', members: [m1, m2] });
  const { group: g3 } = await createGroup(ctx, { owner: a, name: 'Cabina di regia riservata', visibility: 'private' });
  const { group: g4 } = await createGroup(ctx, { owner: a, name: 'Gruppo silenzioso' });

  const thread = async (author: Person, group: typeof g1, iso: string) => {
    const { thread: t, post } = await createThread(ctx, author, group, { title: `Discussione di ${author.name}` });
    await setCreated('threads', t.id, iso);
    await setCreated('posts', post.id, iso);
    return t;
  };
  const reply = async (author: Person, t: Awaited<ReturnType<typeof thread>>, iso: string) => {
    const post = await createReply(ctx, author, t, `Risposta di ${author.name}`);
    await setCreated('posts', post.id, iso);
    return post;
  };
  // g1: thread w1 + replies w1, w2, w4 → 4 posts, authors m1, m2, a.
  const t1 = await thread(m1, g1, '2026-03-03T10:00:00Z');
  await reply(m2, t1, '2026-03-04T10:00:00Z');
  await reply(m2, t1, '2026-03-11T10:00:00Z');
  await reply(a, t1, '2026-03-24T10:00:00Z');
  // g2: thread w2 + reply w2 → 2 posts; a deleted reply and one after the period do not count.
  const t2 = await thread(m2, g2, '2026-03-10T10:00:00Z');
  await reply(m1, t2, '2026-03-10T11:00:00Z');
  const deleted = await reply(m1, t2, '2026-03-12T10:00:00Z');
  await q('UPDATE posts SET deleted_at = now() WHERE id = $1', [deleted.id]);
  await reply(m2, t2, '2026-03-29T22:30:00Z');
  // g3 (private): thread w3 + replies w3, w3, w4, w4 (the last at 23:30 on the last day) → 5 posts.
  const t3 = await thread(a, g3, '2026-03-17T09:00:00Z');
  await reply(a, t3, '2026-03-17T10:00:00Z');
  await reply(a, t3, '2026-03-18T10:00:00Z');
  await reply(a, t3, '2026-03-25T10:00:00Z');
  await reply(a, t3, '2026-03-29T21:30:00Z');
  // g4: only before the period.
  await thread(a, g4, '2026-02-10T10:00:00Z');

  // --- Courses: C1 and C2 (enrolments are rows: the courses feature's own tests cover enrolling).
  const [c1] = await q(
    `INSERT INTO courses (slug, title, status) VALUES ('corso-uno', 'Corso uno', 'published') RETURNING id`,
  );
  const [c2] = await q(
    `INSERT INTO courses (slug, title, status) VALUES ('corso-due', 'Corso due', 'published') RETURNING id`,
  );
  const enrol = (course: unknown, u: Person, status: string, enrolled: string, completed: string | null) =>
    q(
      `INSERT INTO course_enrolments (course_id, user_id, status, enrolled_at, completed_at) VALUES ($1, $2, $3, $4, $5)`,
      [(course as { id: number }).id, u.id, status, enrolled, completed],
    );
  // Enrolments in the period (active): m1 w1, m2 w2, a (C2) w3, m3 w4 → 4; completed by its end: m1 → 25 %.
  // Completions in the period: o w1 (enrolled before), m1 w3 → 2.
  await enrol(c1, m1, 'active', '2026-03-03T09:00:00Z', '2026-03-20T09:00:00Z');
  await enrol(c1, m2, 'active', '2026-03-10T09:00:00Z', null);
  await enrol(c1, m3, 'active', '2026-03-29T21:00:00Z', null);
  await enrol(c1, o, 'active', '2026-02-01T09:00:00Z', '2026-03-05T09:00:00Z');
  await enrol(c1, a, 'pending', '2026-03-12T09:00:00Z', null);
  await enrol(c2, a, 'active', '2026-03-16T09:00:00Z', '2026-04-02T09:00:00Z');
  const [q1] = await q(
    `INSERT INTO course_quizzes (course_id, slug, title) VALUES ($1, 'quiz-1', 'Quiz 1') RETURNING id`,
    [(c1 as { id: number }).id],
  );
  const [q2] = await q(
    `INSERT INTO course_quizzes (course_id, slug, title) VALUES ($1, 'quiz-2', 'Quiz 2') RETURNING id`,
    [(c1 as { id: number }).id],
  );
  const attempt = (quiz: unknown, u: Person, n: number, passed: boolean, iso: string) =>
    q(
      `INSERT INTO quiz_attempts (quiz_id, user_id, number, answers, results, score, max_score, passed, created_at)
       VALUES ($1, $2, $3, '{}', '[]', $4, 10, $5, $6)`,
      [(quiz as { id: number }).id, u.id, n, passed ? 10 : 2, passed, iso],
    );
  // Pairs with an attempt in the period: (m1,q1) passed at the 2nd, (m2,q1) failed, (m2,q2) passed,
  // (o,q2) passed (its failed attempt is before) → 3 of 4 = 75 %; 5 attempts. (m3,q1) is before.
  await attempt(q1, m1, 1, false, '2026-03-04T09:00:00Z');
  await attempt(q1, m1, 2, true, '2026-03-05T09:00:00Z');
  await attempt(q1, m2, 1, false, '2026-03-11T09:00:00Z');
  await attempt(q2, m2, 1, true, '2026-03-12T09:00:00Z');
  await attempt(q1, m3, 1, true, '2026-02-20T09:00:00Z');
  await attempt(q2, o, 1, false, '2026-02-25T09:00:00Z');
  await attempt(q2, o, 2, true, '2026-03-06T09:00:00Z');

  // --- Good practices: published w1 and w3 (one archived since), one before, a draft.
  const practice = async (slug: string, status: string, published: string | null) => {
    const [row] = await q(
      `INSERT INTO practices (slug, title, status, organization_id, region, theme, published_at)
       VALUES ($1, $1, $2, $3, 'Toscana', 'servizi-impiego', $4) RETURNING id`,
      [slug, status, a.organizationId, published],
    );
    return (row as { id: number }).id;
  };
  const p1 = await practice('pratica-uno', 'published', '2026-03-03T09:00:00Z');
  await practice('pratica-due', 'archived', '2026-03-17T09:00:00Z');
  const p3 = await practice('pratica-tre', 'published', '2026-02-01T09:00:00Z');
  await practice('pratica-bozza', 'draft', null);
  // Reuses: w2 and w4 → 2 (one after the period).
  const reuse = (practiceId: number, u: Person, status: string, iso: string) =>
    q(
      `INSERT INTO practice_reuses (practice_id, organization_id, declared_by, status, created_at) VALUES ($1, $2, $3, $4, $5)`,
      [practiceId, u.organizationId, u.id, status, iso],
    );
  await reuse(p3, m1, 'reused', '2026-03-10T09:00:00Z');
  await reuse(p3, m2, 'reusing', '2026-03-25T09:00:00Z');
  await reuse(p1, o, 'reused', '2026-04-05T09:00:00Z');
  // Stories: published w2 and w4 → 2 (a pending one, a rejected one and an earlier one do not count).
  const story = (status: string, iso: string) =>
    q(
      `INSERT INTO practice_stories (practice_id, author_id, organization_id, title, body, status, created_at)
       VALUES ($1, $2, $3, 'Storia', 'Testo', $4, $5)`,
      [p3, m1.id, m1.organizationId, status, iso],
    );
  await story('published', '2026-03-11T09:00:00Z');
  await story('pending', '2026-03-12T09:00:00Z');
  await story('published', '2026-02-11T09:00:00Z');
  await story('rejected', '2026-03-20T09:00:00Z');
  await story('published', '2026-03-26T09:00:00Z');

  // --- Cerco / Offro: cerco w1 (00:30 in Italy on 2 March), offro w2 and w3; a cerco at 23:30 on 1 March is before.
  const exchange = (kind: string, iso: string) =>
    q(
      `INSERT INTO exchange_posts (kind, author_id, organization_id, title, description, theme, region, expires_at, created_at)
       VALUES ($1, $2, $3, 'Annuncio', 'Testo', 'servizi-impiego', 'Toscana', '2027-01-01T00:00:00Z', $4)`,
      [kind, m1.id, m1.organizationId, iso],
    );
  await exchange('cerco', '2026-03-01T23:30:00Z');
  await exchange('offro', '2026-03-09T09:00:00Z');
  await exchange('offro', '2026-03-19T09:00:00Z');
  await exchange('cerco', '2026-03-01T22:30:00Z');
  // Conversations from Cerco / Offro: exchange w1, match w3, match w4 → 3, of which 2 matches.
  const conversation = (origin: string | null, iso: string) =>
    q(`INSERT INTO conversations (subject, origin, created_by, created_at) VALUES ('Oggetto', $1::jsonb, $2, $3)`, [
      origin === null ? null : JSON.stringify({ kind: origin, links: [] }),
      m1.id,
      iso,
    ]);
  await conversation('exchange', '2026-03-05T09:00:00Z');
  await conversation('match', '2026-03-20T09:00:00Z');
  await conversation('match', '2026-03-27T09:00:00Z');
  await conversation('profile', '2026-03-10T09:00:00Z');
  await conversation(null, '2026-03-10T09:00:00Z');
  await conversation('match', '2026-04-01T09:00:00Z');

  // --- Events. Registrations made in the period (seats, not cancelled): w1 2, w3 2, w4 1 → 5.
  // Held in the period: ev1 (w2: m1, m2, o registered; m1, o present) and ev2 (w4: a, m1; a present)
  // → 2 events, 5 registered, 3 present = 60 %.
  const event = async (kind: string, starts: string, ends: string, cancelled = false) => {
    const [row] = await q(
      `INSERT INTO calendar_events (kind, title, starts_at, ends_at, cancelled_at) VALUES ($1, 'Evento', $2, $3, $4) RETURNING id`,
      [kind, starts, ends, cancelled ? starts : null],
    );
    return (row as { id: number }).id;
  };
  const register = (eventId: number, u: Person, status: string, iso: string, attended: boolean | null) =>
    q(
      `INSERT INTO event_registrations (event_id, user_id, status, registered_at, attended) VALUES ($1, $2, $3, $4, $5)`,
      [eventId, u.id, status, iso, attended],
    );
  const ev1 = await event('workshop', '2026-03-10T09:00:00Z', '2026-03-10T12:00:00Z');
  await register(ev1, m1, 'registered', '2026-03-02T09:00:00Z', true);
  await register(ev1, m2, 'registered', '2026-03-03T09:00:00Z', false);
  await register(ev1, o, 'registered', '2026-02-20T09:00:00Z', true);
  await register(ev1, m3, 'waiting', '2026-03-05T09:00:00Z', null);
  const ev2 = await event('webinar', '2026-03-24T09:00:00Z', '2026-03-24T11:00:00Z');
  await register(ev2, a, 'registered', '2026-03-20T09:00:00Z', true);
  await register(ev2, m1, 'registered', '2026-03-21T09:00:00Z', null);
  const ev3 = await event('regional', '2026-03-12T09:00:00Z', '2026-03-12T12:00:00Z', true);
  await register(ev3, m2, 'registered', '2026-03-06T09:00:00Z', null);
  const ev4 = await event('regional', '2026-04-10T09:00:00Z', '2026-04-10T12:00:00Z');
  await register(ev4, m1, 'registered', '2026-03-25T09:00:00Z', null);

  // --- Twinnings: T1 before the period (in progress), T2 w1 (approved), T3 w3 (proposed), T4 after it.
  // Milestones of T1's model due in the period: 10 (done), 20 (planned), 29 March (done) → 2 of 3;
  // one due in April is outside it.
  const twinning = async (slug: string, status: string, iso: string) =>
    (
      await q(`INSERT INTO twinnings (slug, title, status, created_at) VALUES ($1, $1, $2, $3) RETURNING id`, [
        slug,
        status,
        iso,
      ])
    )[0] as { id: number };
  const t1w = await twinning('gemellaggio-uno', 'in_progress', '2026-02-20T09:00:00Z');
  await twinning('gemellaggio-due', 'approved', '2026-03-04T09:00:00Z');
  await twinning('gemellaggio-tre', 'proposed', '2026-03-18T09:00:00Z');
  await twinning('gemellaggio-quattro', 'proposed', '2026-04-05T09:00:00Z');
  const [orgA, orgB] = (await q(`SELECT id FROM organizations ORDER BY id LIMIT 2`)) as { id: number }[];
  const [model] = (await q(
    `INSERT INTO twinning_models (twinning_id, code, title, offering_organization_id, receiving_organization_id)
     VALUES ($1, 'A', 'Modello A', $2, $3) RETURNING id`,
    [t1w.id, orgA!.id, orgB!.id],
  )) as { id: number }[];
  for (const [due, status] of [
    ['2026-03-10', 'done'],
    ['2026-03-20', 'planned'],
    ['2026-03-29', 'done'],
    ['2026-04-15', 'planned'],
  ])
    await q(`INSERT INTO twinning_milestones (model_id, title, due_on, status) VALUES ($1, $2, $3, $4)`, [
      model!.id,
      `Tappa del ${due}`,
      due,
      status,
    ]);

  return {
    animator: a,
    outsider,
    admin,
    member: m1,
    people: { a, o, m1, m2, m3, m4 },
    groups: { g1: g1.slug, g2: g2.slug, g3: g3.slug, g4: g4.slug },
  };
}
