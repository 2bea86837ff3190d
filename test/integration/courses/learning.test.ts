import { expect } from 'chai';
import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import * as q from '../../../models/queries/courses.ts';
import * as ql from '../../../models/queries/courses-learning.ts';
import * as qs from '../../../models/queries/courses-sessions.ts';
import { findMembership } from '../../../models/queries/groups.ts';
import { courseQuizzes, courseSessions, learningStatements, quizAttempts } from '../../../models/schema.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { importCourses } from '../../../server/features/courses/courses.import.ts';
import { createSession } from '../../../server/features/courses/courses.sessions.ts';
import { enrol } from '../../../server/features/courses/courses.enrolment.ts';
import { lessonDiscussion } from '../../../server/features/courses/courses.lessons.ts';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { courseYml, RIGHT_ANSWERS, writeCourses } from '../../helpers/courses.ts';
import { apiToken, csrfFrom, signedInAgent } from '../../helpers/http.ts';

type Person = Awaited<ReturnType<typeof createUser>>;

describe('learning in a course', () => {
  let ctx: TestContext;
  let animator: Person;
  const bearer = async (user: { email: string; password: string }) => ({ authorization: `Bearer ${await apiToken(ctx.app, user.email, user.password)}` });
  const api = (path: string) => `/api/v1/courses/corso-prova${path}`;

  beforeEach(async () => {
    ctx = await testContext();
    animator = await createUser(ctx, { name: 'Anna Animatrice', role: 'animator' });
  });

  const importSample = async (extra = '') => importCourses(ctx, await writeCourses([{ courseYml: courseYml('Corso di prova', extra) }]));

  it('shows the catalogue and the course to anyone, and its quiz without the answers', async () => {
    await importSample();
    const list = await request(ctx.app).get('/api/v1/courses').expect(200);
    expect(list.body.courses).to.have.length(1);
    expect(list.body.courses[0]).to.include({ slug: 'corso-prova', title: 'Corso di prova', hours: 3, level: 'base', lessons: 3 });
    expect((await request(ctx.app).get('/api/v1/courses?q=nessuno').expect(200)).body.courses).to.have.length(0);
    expect((await request(ctx.app).get('/api/v1/courses?livello=avanzato').expect(200)).body.courses).to.have.length(0);
    expect((await request(ctx.app).get('/api/v1/courses?q=prove&livello=base&durata=breve').expect(200)).body.courses).to.have.length(1);

    const detail = (await request(ctx.app).get(api('')).expect(200)).body;
    expect(detail.course.modules.map((m: { title: string; lessons: { slug: string }[] }) => [m.title, m.lessons.map((l) => l.slug)])).to.deep.equal([
      ['Primo modulo', ['benvenuto', 'la-did']],
      ['Secondo modulo', ['il-patto']],
    ]);
    expect(detail.course.quizzes).to.deep.equal([{ slug: 'verifica', title: 'Verifica di prova', questions: 4, passingScore: 75, maxAttempts: 2 }]);
    expect(detail.enrolment).to.equal(null);

    const quiz = (await request(ctx.app).get(api('/quizzes/verifica')).expect(200)).body.quiz;
    const text = JSON.stringify(quiz);
    expect(text).not.to.match(/"answer"|"expected"|"feedback"|"explanation"|Esatto|patto di servizio personalizzato/);
    expect(quiz.questions.map((qn: { kind: string }) => qn.kind)).to.deep.equal(['single', 'multiple', 'truefalse', 'text']);

    const page = await request(ctx.app).get('/corsi').expect(200);
    expect(page.text).to.contain('Corso di prova').and.to.contain('1 corso');
    const filtered = await request(ctx.app).get('/corsi?q=inesistente').expect(200);
    expect(filtered.text).to.contain('Nessun corso corrisponde alla ricerca.');
    const course = await request(ctx.app).get('/corsi/corso-prova').expect(200);
    expect(course.text).to.contain('Accedi per iscriverti').and.to.contain('SPI.ACC.01').and.to.contain('Anna Animatrice');
    // Open course: lessons readable without an account (TRIO is open to every citizen).
    const lessonPage = await request(ctx.app).get('/corsi/corso-prova/lezioni/benvenuto').expect(200);
    expect(lessonPage.text).to.contain('Accedi e iscriviti al corso').and.to.contain('/corsi/corso-prova/file/images/schema.svg');
    await request(ctx.app).get('/corsi/corso-prova/lezioni/inesistente').expect(404);
    await request(ctx.app).get('/api/v1/courses/inesistente').expect(404);
  });

  it('enrols, records lessons once, and completes the course when every lesson is done and the quiz passed', async () => {
    await importSample();
    const learner = await createUser(ctx);
    const auth = await bearer(learner);
    const completed: unknown[] = [];
    ctx.bus.subscribe('course.completed', (e) => void completed.push(e.payload));

    const notEnrolled = await request(ctx.app).post(api('/lessons/la-did/complete')).set(auth).expect(403);
    expect(notEnrolled.body.error.message).to.contain('Non sei iscritto/a a questo corso');
    await request(ctx.app).post(api('/quizzes/verifica/attempts')).set(auth).send({ answers: RIGHT_ANSWERS }).expect(403);
    await request(ctx.app).get(api('/progress')).set(auth).expect(403);
    await request(ctx.app).post(api('/enroll')).expect(401);

    expect((await request(ctx.app).post(api('/enroll')).set(auth).expect(200)).body.enrolment).to.deep.equal({ status: 'active' });
    expect((await request(ctx.app).post(api('/enroll')).set(auth).expect(200)).body.enrolment).to.deep.equal({ status: 'active' });

    const first = await request(ctx.app).post(api('/lessons/benvenuto/complete')).set(auth).expect(200);
    expect(first.body.progress).to.deep.include({ percent: 25, completed: false, lessons: { done: 1, total: 3 }, quizzes: { passed: 0, total: 1 } });
    await request(ctx.app).post(api('/lessons/benvenuto/complete')).set(auth).expect(200);
    await request(ctx.app).post(api('/lessons/nessuna/complete')).set(auth).expect(404);
    expect((await request(ctx.app).get(api('/progress')).set(auth).expect(200)).body.progress.lessons).to.deep.equal({ done: 1, total: 3 });

    // A failed attempt with per-question feedback.
    const failed = await request(ctx.app).post(api('/quizzes/verifica/attempts')).set(auth).send({ answers: { did: 'a', strumenti: ['patto'], online: false, sigla: 'contratto' } }).expect(201);
    expect(failed.body.attempt).to.include({ number: 1, score: 0, maxScore: 4, passed: false, attemptsLeft: 1 });
    const did = failed.body.attempt.feedback.find((f: { id: string }) => f.id === 'did');
    expect(did).to.deep.include({ correct: false, given: ['a'], correctAnswer: ['b'], feedback: ['No, la DID non è un contratto.'], explanation: "La DID apre il percorso al Centro per l'Impiego." });
    expect(failed.body.attempt.feedback.find((f: { id: string }) => f.id === 'online').feedback).to.deep.equal(['In realtà si può.']);

    await request(ctx.app).post(api('/lessons/la-did/complete')).set(auth).expect(200);
    const passed = await request(ctx.app).post(api('/quizzes/verifica/attempts')).set(auth).send({ answers: RIGHT_ANSWERS }).expect(201);
    expect(passed.body.attempt).to.include({ number: 2, score: 4, passed: true, attemptsLeft: 0 });
    expect(passed.body.progress).to.include({ completed: false });
    expect(completed).to.have.length(0);

    const last = await request(ctx.app).post(api('/lessons/il-patto/complete')).set(auth).expect(200);
    expect(last.body.progress).to.include({ percent: 100, completed: true });
    await ctx.settle();
    expect(completed).to.have.length(1);
    expect(completed[0]).to.include({ actorId: learner.id, title: 'Corso di prova', url: '/corsi/corso-prova' });

    // Past the attempt limit: refused, nothing recorded.
    const limit = await request(ctx.app).post(api('/quizzes/verifica/attempts')).set(auth).send({ answers: RIGHT_ANSWERS }).expect(409);
    expect(limit.body.error.message).to.equal('Hai esaurito i tentativi disponibili per questa verifica.');
    expect(await ctx.database.db.select().from(quizAttempts).where(eq(quizAttempts.userId, learner.id))).to.have.length(2);
    const quiz = (await request(ctx.app).get(api('/quizzes/verifica')).set(auth).expect(200)).body.quiz;
    expect(quiz).to.include({ attempts: 2, attemptsLeft: 0, passed: true });
    expect(quiz.bestScore).to.deep.equal({ score: 4, maxScore: 4 });
    // Completion happens once, even when more lessons are marked again.
    await request(ctx.app).post(api('/lessons/il-patto/complete')).set(auth).expect(200);
    await ctx.settle();
    expect(completed).to.have.length(1);
  });

  it('refuses attempts that do not match the quiz, naming what is wrong, and records nothing', async () => {
    await importSample();
    const learner = await createUser(ctx);
    const auth = await bearer(learner);
    await request(ctx.app).post(api('/enroll')).set(auth).expect(200);
    const unknown = await request(ctx.app).post(api('/quizzes/verifica/attempts')).set(auth).send({ answers: { did: 'b', q99: 'a' } }).expect(400);
    expect(unknown.body.error.fields.answers).to.equal('Domande inesistenti in questa verifica: q99.');
    const badChoice = await request(ctx.app).post(api('/quizzes/verifica/attempts')).set(auth).send({ answers: { did: 'z', strumenti: ['patto', 'x'] } }).expect(400);
    expect(badChoice.body.error.fields['answers.did']).to.equal('Scelte inesistenti per questa domanda: z.');
    expect(badChoice.body.error.fields['answers.strumenti']).to.equal('Scelte inesistenti per questa domanda: x.');
    const two = await request(ctx.app).post(api('/quizzes/verifica/attempts')).set(auth).send({ answers: { did: ['a', 'b'] } }).expect(400);
    expect(two.body.error.fields['answers.did']).to.equal('Questa domanda accetta una sola risposta.');
    await request(ctx.app).post(api('/quizzes/verifica/attempts')).set(auth).send({ answers: 'tutte giuste' }).expect(400);
    await request(ctx.app).post(api('/quizzes/verifica/attempts')).set(auth).set('content-type', 'application/json').send('{"answers":{"__proto__":["b"]}}').expect(400);
    await request(ctx.app).post(api('/quizzes/nessuna/attempts')).set(auth).send({ answers: {} }).expect(404);
    expect(await ctx.database.db.select().from(quizAttempts)).to.have.length(0);
  });

  it('keeps the attempt limit under simultaneous submissions', async () => {
    await importSample();
    const learner = await createUser(ctx);
    const auth = await bearer(learner);
    await request(ctx.app).post(api('/enroll')).set(auth).expect(200);
    const results = await Promise.all([1, 2, 3, 4].map(() => request(ctx.app).post(api('/quizzes/verifica/attempts')).set(auth).send({ answers: { did: 'a' } })));
    expect(results.map((r) => r.status).sort()).to.deep.equal([201, 201, 409, 409]);
    const rows = await ctx.database.db.select().from(quizAttempts).where(eq(quizAttempts.userId, learner.id));
    expect(rows.map((r) => r.number).sort()).to.deep.equal([1, 2]);
  });

  it('stores an xAPI statement for every learning fact and exports them: all for animators, one’s own for learners', async () => {
    await importSample();
    const learner = await createUser(ctx, { name: 'Lucia Operatrice' });
    const other = await createUser(ctx);
    const auth = await bearer(learner);
    await request(ctx.app).post(api('/enroll')).set(auth).expect(200);
    await request(ctx.app).post(api('/enroll')).set(await bearer(other)).expect(200);
    for (const l of ['benvenuto', 'la-did', 'il-patto']) await request(ctx.app).post(api(`/lessons/${l}/complete`)).set(auth).expect(200);
    await request(ctx.app).post(api('/lessons/benvenuto/complete')).set(auth).expect(200);
    await request(ctx.app).post(api('/quizzes/verifica/attempts')).set(auth).send({ answers: { did: 'b', online: true } }).expect(201);
    await request(ctx.app).post(api('/quizzes/verifica/attempts')).set(auth).send({ answers: RIGHT_ANSWERS }).expect(201);

    const mine = (await request(ctx.app).get(api('/statements')).set(auth).expect(200)).body.statements as Record<string, any>[];
    const verbs = mine.map((s) => s.verb.id.split('/').pop());
    expect(verbs).to.deep.equal(['registered', 'completed', 'completed', 'completed', 'failed', 'passed', 'completed']);
    const base = ctx.config.publicUrl.replace(/\/$/, '');
    const lessonStatement = mine[1]!;
    expect(lessonStatement.actor).to.deep.equal({ objectType: 'Agent', name: 'Lucia Operatrice', account: { homePage: base, name: String(learner.id) } });
    expect(lessonStatement.object.id).to.equal(`${base}/corsi/corso-prova/lezioni/benvenuto`);
    expect(lessonStatement.context.contextActivities.parent[0].id).to.equal(`${base}/corsi/corso-prova`);
    expect(lessonStatement.id).to.match(/^[0-9a-f-]{36}$/);
    expect(Date.parse(lessonStatement.timestamp)).to.be.a('number').and.not.NaN;
    expect(mine[4]!.result).to.deep.equal({ score: { raw: 2, min: 0, max: 4, scaled: 0.5 }, success: false, completion: true });
    expect(mine[6]!.object.id).to.equal(`${base}/corsi/corso-prova`);
    expect(JSON.stringify(mine)).not.to.contain(learner.email);

    const all = (await request(ctx.app).get(api('/statements')).set(await bearer(animator)).expect(200)).body.statements;
    expect(all).to.have.length(8);
    const outsider = await createUser(ctx);
    await request(ctx.app).get(api('/statements')).set(await bearer(outsider)).expect(403);
    // The page export is the same JSON, as a download.
    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const file = await agent.get('/corsi/corso-prova/xapi.json').expect(200);
    expect(file.headers['content-disposition']).to.contain('corso-prova-xapi.json');
    expect(file.body).to.have.length(8);
    expect(await ctx.database.db.select().from(learningStatements)).to.have.length(8);
  });

  it('asks for approval in restricted courses: lessons stay closed until an animator approves', async () => {
    await importSample('enrolment: approval\n');
    const learner = await createUser(ctx);
    const auth = await bearer(learner);
    expect((await request(ctx.app).post(api('/enroll')).set(auth).expect(200)).body.enrolment.status).to.equal('pending');
    await request(ctx.app).get(api('/lessons/benvenuto')).set(auth).expect(403);
    const refused = await request(ctx.app).post(api('/lessons/benvenuto/complete')).set(auth).expect(403);
    expect(refused.body.error.message).to.equal('La tua richiesta di iscrizione è in attesa di approvazione.');
    // Lesson images are private to those who may study the course; the cover is not.
    await request(ctx.app).get('/corsi/corso-prova/file/images/schema.svg').expect(404);

    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const manage = await agent.get('/corsi/corso-prova/gestione').expect(200);
    expect(manage.text).to.contain('Richieste di iscrizione (1)');
    await agent.post(`/corsi/corso-prova/gestione/iscrizioni/${learner.id}/approva`).type('form').send({ _csrf: csrfFrom(manage.text) }).expect(303);
    const course = (await q.findCourseBySlug(ctx.database.db, 'corso-prova'))!;
    expect(await ql.findEnrolment(ctx.database.db, course.id, learner.id)).to.include({ status: 'active' });
    // Asking, withdrawing and asking again does not flood the staff.
    const other = await createUser(ctx);
    const otherAuth = await bearer(other);
    const otherAgent = await signedInAgent(ctx.app, other.email, other.password);
    for (let i = 0; i < 3; i++) {
      await request(ctx.app).post(api('/enroll')).set(otherAuth).expect(200);
      const coursePage = await otherAgent.get('/corsi/corso-prova').expect(200);
      await otherAgent.post('/corsi/corso-prova/iscrizione/ritira').type('form').send({ _csrf: csrfFrom(coursePage.text) }).expect(303);
    }
    // The request reached the animator, the approval the learner, each with the page to open.
    await ctx.settle();
    const told = (await request(ctx.app).get('/api/v1/notifications').set(await bearer(animator)).expect(200)).body.notifications;
    expect(told.map((n: { text: string; url: string }) => [n.text, n.url])).to.deep.include([`${learner.name} chiede di iscriversi al corso «Corso di prova»`, '/corsi/corso-prova/gestione']);
    expect(told.filter((n: { text: string }) => n.text.startsWith(other.name))).to.have.length(1);
    const approved = (await request(ctx.app).get('/api/v1/notifications').set(auth).expect(200)).body.notifications;
    expect(approved.map((n: { text: string; url: string }) => [n.text, n.url])).to.deep.equal([["La tua iscrizione al corso «Corso di prova» è stata approvata", '/corsi/corso-prova']]);
    expect(await findMembership(ctx.database.db, course.groupId!, learner.id)).to.include({ status: 'active', role: 'member' });
    await request(ctx.app).post(api('/lessons/benvenuto/complete')).set(auth).expect(200);

    // A member cannot run the course.
    const member = await signedInAgent(ctx.app, learner.email, learner.password);
    await member.get('/corsi/corso-prova/gestione').expect(403);
    await member.get('/corsi/corso-prova/gestione/iscritti.csv').expect(403);
  });

  it('fills session seats in order, keeps a waiting list, and promotes from it when a seat frees up', async () => {
    await importSample();
    const course = (await q.findCourseBySlug(ctx.database.db, 'corso-prova'))!;
    const start = new Date(Date.now() + 7 * 86_400_000);
    const session = await createSession(ctx, toSessionUser(animator), 'corso-prova', {
      title: 'Laboratorio in presenza', mode: 'presence', place: 'CPI di Firenze, sala 2', seats: 2,
      startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
    });
    const online = await createSession(ctx, toSessionUser(animator), 'corso-prova', {
      title: 'Webinar', mode: 'online', url: 'https://meet.example.org/stanza-segreta', seats: 10,
      startsAt: new Date(start.getTime() + 86_400_000).toISOString(), endsAt: new Date(start.getTime() + 90_000_000).toISOString(),
    });
    const people = await Promise.all([1, 2, 3, 4].map(() => createUser(ctx)));
    const auths = await Promise.all(people.map(bearer));
    await request(ctx.app).post(api(`/sessions/${session.id}/register`)).set(auths[0]!).expect(403); // not enrolled yet
    for (const a of auths) await request(ctx.app).post(api('/enroll')).set(a).expect(200);
    const outcomes = [];
    for (const a of auths) outcomes.push((await request(ctx.app).post(api(`/sessions/${session.id}/register`)).set(a).expect(200)).body.registration);
    expect(outcomes).to.deep.equal([
      { status: 'registered', position: 0 },
      { status: 'registered', position: 0 },
      { status: 'waiting', position: 1 },
      { status: 'waiting', position: 2 },
    ]);
    // Registering twice changes nothing.
    expect((await request(ctx.app).post(api(`/sessions/${session.id}/register`)).set(auths[3]!).expect(200)).body.registration).to.deep.equal({ status: 'waiting', position: 2 });

    const detail = (await request(ctx.app).get(api('')).set(auths[0]!).expect(200)).body.course.sessions;
    expect(detail[0]).to.include({ title: 'Laboratorio in presenza', free: 0, waiting: 2, registration: 'registered' });
    // The meeting link is for registered people only.
    expect(detail[1]).to.include({ title: 'Webinar', url: null });
    await request(ctx.app).post(api(`/sessions/${online.id}/register`)).set(auths[0]!).expect(200);
    expect((await request(ctx.app).get(api('')).set(auths[0]!).expect(200)).body.course.sessions[1].url).to.equal('https://meet.example.org/stanza-segreta');

    await request(ctx.app).delete(api(`/sessions/${session.id}/register`)).set(auths[0]!).expect(204);
    await request(ctx.app).delete(api(`/sessions/${session.id}/register`)).set(auths[0]!).expect(404);
    // The person moved up from the waiting list is told.
    await ctx.settle();
    const seat = (await request(ctx.app).get('/api/v1/notifications').set(auths[2]!).expect(200)).body.notifications;
    expect(seat.map((n: { text: string }) => n.text)).to.deep.equal(['Si è liberato un posto: sei iscritto/a alla sessione «Laboratorio in presenza» del corso «Corso di prova»']);
    expect((await request(ctx.app).get('/api/v1/notifications').set(auths[3]!).expect(200)).body.notifications).to.have.length(0);
    const roster = await qs.sessionAttendees(ctx.database.db, session.id);
    expect(roster.map((r) => [r.userId, r.status])).to.deep.equal([
      [people[1]!.id, 'registered'],
      [people[2]!.id, 'registered'],
      [people[3]!.id, 'waiting'],
    ]);

    // More seats (through the animator's form) give the place to the first on the waiting list; fewer than taken is refused.
    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const form = await agent.get(`/corsi/corso-prova/sessioni/${session.id}`).expect(200);
    expect(form.text).to.match(/name="startsAt"[^>]*value="\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"/);
    const fields = { _csrf: csrfFrom(form.text), title: 'Laboratorio in presenza', mode: 'presence', place: 'CPI di Firenze, sala 2', startsAt: '2030-03-15T09:30', endsAt: '2030-03-15T12:30' };
    const fewer = await agent.post(`/corsi/corso-prova/sessioni/${session.id}/modifica`).type('form').send({ ...fields, seats: '1' }).expect(409);
    expect(fewer.text).to.contain('Ci sono già 2 iscritti');
    await agent.post(`/corsi/corso-prova/sessioni/${session.id}/modifica`).type('form').send({ ...fields, seats: '3' }).expect(303);
    expect((await qs.sessionAttendees(ctx.database.db, session.id)).map((r) => r.status)).to.deep.equal(['registered', 'registered', 'registered']);
    expect((await qs.findSession(ctx.database.db, course.id, session.id))!.startsAt.toISOString()).to.equal('2030-03-15T08:30:00.000Z');

    // Simultaneous registrations never overbook.
    const crowd = await Promise.all([1, 2, 3, 4, 5].map(() => createUser(ctx)));
    const crowdAuth = await Promise.all(crowd.map(bearer));
    for (const a of crowdAuth) await request(ctx.app).post(api('/enroll')).set(a).expect(200);
    const small = await createSession(ctx, toSessionUser(animator), 'corso-prova', {
      title: 'Piccolo gruppo', mode: 'presence', place: 'Sala 1', seats: 2,
      startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
    });
    await Promise.all(crowdAuth.map((a) => request(ctx.app).post(api(`/sessions/${small.id}/register`)).set(a).expect(200)));
    const smallRoster = await qs.sessionAttendees(ctx.database.db, small.id);
    expect(smallRoster.filter((r) => r.status === 'registered')).to.have.length(2);
    expect(smallRoster.filter((r) => r.status === 'waiting')).to.have.length(3);

    // The calendar and its iCal feed list sessions of published courses, without meeting links.
    const calendar = await request(ctx.app).get('/eventi').expect(200);
    expect(calendar.text).to.contain('Laboratorio in presenza').and.to.contain('CPI di Firenze, sala 2').and.to.contain('Webinar');
    const ics = await request(ctx.app).get('/eventi.ics').expect(200);
    expect(ics.headers['content-type']).to.match(/^text\/calendar/);
    expect(ics.text).to.contain('BEGIN:VCALENDAR').and.to.contain('SUMMARY:Laboratorio in presenza – Corso di prova');
    expect(ics.text).to.contain('LOCATION:CPI di Firenze\\, sala 2');
    expect(ics.text).not.to.contain('stanza-segreta');
    expect(ics.text.match(/BEGIN:VEVENT/g)).to.have.length(3);
    const courseIcs = await request(ctx.app).get('/corsi/corso-prova/sessioni.ics').expect(200);
    expect(courseIcs.text.match(/BEGIN:VEVENT/g)).to.have.length(3);
    expect(course.id).to.be.a('number');
  });

  it('counts attendance toward completion when the course asks for it', async () => {
    await importSample('completion:\n  lessons: true\n  quizzes: false\n  attendance: 1\n');
    const learner = await createUser(ctx);
    const auth = await bearer(learner);
    await request(ctx.app).post(api('/enroll')).set(auth).expect(200);
    for (const l of ['benvenuto', 'la-did', 'il-patto']) await request(ctx.app).post(api(`/lessons/${l}/complete`)).set(auth).expect(200);
    const before = (await request(ctx.app).get(api('/progress')).set(auth).expect(200)).body.progress;
    expect(before).to.deep.include({ percent: 75, completed: false, attendance: { attended: 0, required: 1 } });

    const start = new Date(Date.now() + 86_400_000);
    const session = await createSession(ctx, toSessionUser(animator), 'corso-prova', {
      title: 'Incontro finale', mode: 'presence', place: 'Firenze', seats: 5,
      startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
    });
    await request(ctx.app).post(api(`/sessions/${session.id}/register`)).set(auth).expect(200);
    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const page = await agent.get(`/corsi/corso-prova/sessioni/${session.id}`).expect(200);
    const csrf = csrfFrom(page.text);
    // Not before the session starts.
    await agent.post(`/corsi/corso-prova/sessioni/${session.id}/presenze`).type('form').send({ _csrf: csrf, attended: String(learner.id) }).expect(409);
    await ctx.database.db.update(courseSessions).set({ startsAt: new Date(Date.now() - 7_200_000), endsAt: new Date(Date.now() - 3_600_000) }).where(eq(courseSessions.id, session.id));
    // Once it began the registration is the attendance record: cancelling it is refused, on the API and the page.
    const late = await request(ctx.app).delete(api(`/sessions/${session.id}/register`)).set(auth).expect(409);
    expect(late.body.error.message).to.equal("La sessione è già iniziata: non è più possibile annullare l'iscrizione.");
    const learnerAgent = await signedInAgent(ctx.app, learner.email, learner.password);
    const coursePage = await learnerAgent.get('/corsi/corso-prova').expect(200);
    await learnerAgent.post(`/corsi/corso-prova/sessioni/${session.id}/annulla`).type('form').send({ _csrf: csrfFrom(coursePage.text) }).expect(303);
    expect((await qs.sessionAttendees(ctx.database.db, session.id)).map((r) => r.userId)).to.deep.equal([learner.id]);
    // Impossible dates are a clear 400, never a 500.
    const manage = await agent.get('/corsi/corso-prova/gestione').expect(200);
    const badDate = await agent.post('/corsi/corso-prova/sessioni').type('form')
      .send({ _csrf: csrfFrom(manage.text), title: 'X', mode: 'presence', place: 'Roma', seats: '5', startsAt: '+010000-01-01T00:00:00Z', endsAt: '+010000-01-02T00:00:00Z' })
      .expect(400);
    expect(badDate.text).to.contain('Inserisci data e ora');
    const stranger = await createUser(ctx);
    await agent.post(`/corsi/corso-prova/sessioni/${session.id}/presenze`).type('form').send({ _csrf: csrf, attended: String(stranger.id) }).expect(400);
    const completed: unknown[] = [];
    ctx.bus.subscribe('course.completed', (e) => void completed.push(e.payload));
    await agent.post(`/corsi/corso-prova/sessioni/${session.id}/presenze`).type('form').send({ _csrf: csrf, attended: String(learner.id) }).expect(303);
    const after = (await request(ctx.app).get(api('/progress')).set(auth).expect(200)).body.progress;
    expect(after).to.deep.include({ percent: 100, completed: true, attendance: { attended: 1, required: 1 } });
    await ctx.settle();
    expect(completed).to.have.length(1);
    const attended = await ctx.database.db.select().from(learningStatements).where(and(eq(learningStatements.userId, learner.id), eq(learningStatements.verb, 'attended')));
    expect(attended).to.have.length(1);
    // A cancelled session takes no attendance.
    await agent.post(`/corsi/corso-prova/sessioni/${session.id}/cancella`).type('form').send({ _csrf: csrf }).expect(303);
    await agent.post(`/corsi/corso-prova/sessioni/${session.id}/presenze`).type('form').send({ _csrf: csrf, attended: String(learner.id) }).expect(409);
  });

  it('takes a course through the pages: enrol, mark done and move on, answer the quiz, see the feedback', async () => {
    await importSample();
    const learner = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, learner.email, learner.password);
    let page = await agent.get('/corsi/corso-prova').expect(200);
    let res = await agent.post('/corsi/corso-prova/iscrizione').type('form').send({ _csrf: csrfFrom(page.text) }).expect(303);
    page = await agent.get(res.headers.location!).expect(200);
    expect(page.text).to.contain('Ti sei iscritto/a al corso «Corso di prova»').and.to.contain('Inizia il corso');

    page = await agent.get('/corsi/corso-prova/lezioni/benvenuto').expect(200);
    res = await agent.post('/corsi/corso-prova/lezioni/benvenuto/completa').type('form').send({ _csrf: csrfFrom(page.text) }).expect(303);
    expect(res.headers.location).to.equal('/corsi/corso-prova/lezioni/la-did');
    page = await agent.get(res.headers.location!).expect(200);
    expect(page.text).to.contain('Lezione «Benvenuto» completata: sei al 25% del corso.');
    expect(page.text).to.match(/<progress[^>]+value="25"/);
    // "I miei corsi" resumes at the last lesson opened.
    const mine = await agent.get('/corsi/miei').expect(200);
    expect(mine.text).to.contain('href="/corsi/corso-prova/lezioni/la-did"');

    page = await agent.get('/corsi/corso-prova/verifiche/verifica').expect(200);
    const csrf = csrfFrom(page.text);
    res = await agent
      .post('/corsi/corso-prova/verifiche/verifica')
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrf)}&q.did=a&q.strumenti%5B%5D=patto&q.strumenti%5B%5D=profilo&q.online=true&q.sigla=${encodeURIComponent('patto di servizio')}`)
      .expect(303);
    const review = await agent.get(res.headers.location!).expect(200);
    expect(review.text).to.contain('Verifica superata').and.to.contain('Punteggio 3 su 4 (75%)').and.to.contain('No, la DID non è un contratto.');
    expect(review.text).to.contain('Risposta corretta:</strong> La dichiarazione di immediata disponibilità');

    const bad = await agent.post('/corsi/corso-prova/verifiche/verifica').type('form').send({ _csrf: csrf, 'q.zzz': 'a' }).expect(400);
    expect(bad.text).to.contain('Le risposte non corrispondono alla verifica.');

    // "Discuti questa lezione" opens the lesson's thread in the course's space, the same one each time.
    page = await agent.get('/corsi/corso-prova/lezioni/la-did').expect(200);
    const first = await agent.post('/corsi/corso-prova/lezioni/la-did/discussione').type('form').send({ _csrf: csrfFrom(page.text) }).expect(303);
    expect(first.headers.location).to.match(/^\/discussioni\/\d+$/);
    const second = await agent.post('/corsi/corso-prova/lezioni/la-did/discussione').type('form').send({ _csrf: csrfFrom(page.text) }).expect(303);
    expect(second.headers.location).to.equal(first.headers.location);
    const thread = await agent.get(first.headers.location!).expect(200);
    expect(thread.text).to.contain('Lezione: La DID').and.to.contain('/corsi/corso-prova/lezioni/la-did');
    // Someone not enrolled is sent to the course page, and cannot read the private space.
    const outsider = await createUser(ctx);
    const other = await signedInAgent(ctx.app, outsider.email, outsider.password);
    const otherPage = await other.get('/corsi/corso-prova/lezioni/la-did').expect(200);
    const refused = await other.post('/corsi/corso-prova/lezioni/la-did/discussione').type('form').send({ _csrf: csrfFrom(otherPage.text) }).expect(303);
    expect(refused.headers.location).to.equal('/corsi/corso-prova');
    await other.get(first.headers.location!).expect(404);
  });

  it('starts one thread for a lesson when several learners ask for it at the same moment', async () => {
    await importSample();
    const learners = [];
    for (let i = 0; i < 6; i++) learners.push(toSessionUser(await createUser(ctx)));
    for (const learner of learners) await enrol(ctx, learner, 'corso-prova');
    const answers = await Promise.all(learners.map((learner) => lessonDiscussion(ctx, learner, 'corso-prova', 'il-patto')));
    const ids = new Set(answers.map((a) => a.threadId));
    expect(ids.size, 'one thread for everyone').to.equal(1);
    expect(answers.filter((a) => a.created)).to.have.length(1);
    const [lesson] = await ctx.database.query<{ thread_id: number }>(`SELECT thread_id FROM course_lessons WHERE slug = 'il-patto'`);
    expect(lesson!.thread_id).to.equal([...ids][0]);
    const all = await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM threads WHERE group_id = (SELECT group_id FROM threads WHERE id = $1)', [lesson!.thread_id]);
    expect(all[0]!.n, 'threads in the course space').to.equal(1);
  });

  it('gives animators the report: progress, the questions most often wrong, and a CSV', async () => {
    await importSample();
    const a = await createUser(ctx, { name: 'Bruno Bianchi' });
    const b = await createUser(ctx, { name: '=Carla Formula' });
    for (const p of [a, b]) await request(ctx.app).post(api('/enroll')).set(await bearer(p)).expect(200);
    await request(ctx.app).post(api('/quizzes/verifica/attempts')).set(await bearer(a)).send({ answers: { did: 'b', strumenti: ['patto'], online: 'true', sigla: 'no' } }).expect(201);
    await request(ctx.app).post(api('/quizzes/verifica/attempts')).set(await bearer(b)).send({ answers: { did: 'b', strumenti: ['patto'], online: 'false', sigla: 'patto di servizio' } }).expect(201);
    await request(ctx.app).post(api('/lessons/benvenuto/complete')).set(await bearer(a)).expect(200);

    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const page = await agent.get('/corsi/corso-prova/gestione').expect(200);
    expect(page.text).to.contain('Bruno Bianchi').and.to.contain('Iscritti e avanzamento (2)');
    // "strumenti" is wrong for everyone: it comes first.
    const rows = [...page.text.matchAll(/<th scope="row" class="fw-normal">([^<]+)<\/th><td>(\d+)<\/td><td>(\d+) \((\d+)%\)/g)].map((m) => [m[1], m[4]]);
    expect(rows[0]).to.deep.equal(['Quali sono strumenti della presa in carico?', '100']);
    expect(rows.at(-1)).to.deep.equal(["Che cos&#x27;è la DID?", '0']);

    const csv = await agent.get('/corsi/corso-prova/gestione/iscritti.csv').expect(200);
    expect(csv.headers['content-type']).to.match(/^text\/csv/);
    const lines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).to.equal('Nome,E-mail,Ente,Stato,Iscritto il,Lezioni completate,Verifiche superate,Sessioni frequentate,Miglior punteggio,Tentativi,Avanzamento,Completato il');
    expect(lines).to.have.length(3);
    expect(lines.find((l) => l.startsWith('Bruno Bianchi'))).to.match(/,Iscritto,[^,]+,1\/3,0\/1,0,50,1,25%,$/);
    // A name that looks like a formula is neutralised for spreadsheets.
    expect(lines.some((l) => l.startsWith("'=Carla Formula"))).to.equal(true);
  });

  it('leaves out a quiz still without questions (being written in the browser): not listed, not counted', async () => {
    await importSample();
    const course = (await q.findCourseBySlug(ctx.database.db, 'corso-prova'))!;
    await ctx.database.db.insert(courseQuizzes).values({ courseId: course.id, slug: 'in-scrittura', title: 'In scrittura', questions: [], position: 1 });
    const learner = await createUser(ctx);
    const auth = await bearer(learner);
    await request(ctx.app).post(api('/enroll')).set(auth).expect(200);
    expect((await request(ctx.app).get(api('')).expect(200)).body.course.quizzes.map((z: { slug: string }) => z.slug)).to.deep.equal(['verifica']);
    await request(ctx.app).get(api('/quizzes/in-scrittura')).set(auth).expect(404);
    await request(ctx.app).post(api('/quizzes/in-scrittura/attempts')).set(auth).send({ answers: {} }).expect(404);
    for (const l of ['benvenuto', 'la-did', 'il-patto']) await request(ctx.app).post(api(`/lessons/${l}/complete`)).set(auth).expect(200);
    const done = await request(ctx.app).post(api('/quizzes/verifica/attempts')).set(auth).send({ answers: RIGHT_ANSWERS }).expect(201);
    expect(done.body.progress).to.deep.include({ completed: true, quizzes: { passed: 1, total: 1 } });
  });

  it('keeps drafts to those who run them', async () => {
    await importCourses(ctx, await writeCourses([{ courseYml: courseYml('Corso in bozza', 'published: false\n') }]));
    const member = await createUser(ctx);
    await request(ctx.app).get('/corsi/corso-prova').expect(404);
    await request(ctx.app).get('/api/v1/courses/corso-prova').set(await bearer(member)).expect(404);
    expect((await request(ctx.app).get('/api/v1/courses').expect(200)).body.courses).to.have.length(0);
    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const page = await agent.get('/corsi').expect(200);
    expect(page.text).to.contain('Corso in bozza').and.to.contain('Bozza');
    await request(ctx.app).post(api('/enroll')).set(await bearer(member)).expect(404);
  });
});
