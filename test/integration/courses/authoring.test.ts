import { expect } from 'chai';
import { and, asc, eq } from 'drizzle-orm';
import request from 'supertest';
import * as q from '../../../models/queries/courses.ts';
import * as qc from '../../../models/queries/courses-content.ts';
import { findMembership } from '../../../models/queries/groups.ts';
import { courseAnimators, courseEnrolments, courseLessons, courses, type Course } from '../../../models/schema.ts';
import type { ContentEventPayload } from '../../../server/core/events.ts';
import { storedContentHash } from '../../../server/features/courses/courses.authoring.ts';
import { importCourses } from '../../../server/features/courses/courses.import.ts';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { writeCourses } from '../../helpers/courses.ts';
import { csrfFrom, signedInAgent, type Agent } from '../../helpers/http.ts';

describe('course authoring in the browser', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  const course = async (slug: string): Promise<Course> => (await q.findCourseBySlug(ctx.database.db, slug))!;
  const hashOf = async (c: Course) => ctx.database.db.transaction((tx) => storedContentHash(tx, c));
  const lessonOrder = async (courseId: number) =>
    (await ctx.database.db.select().from(courseLessons).where(eq(courseLessons.courseId, courseId)).orderBy(asc(courseLessons.position))).map((l) => [l.slug, l.moduleId, l.position]);
  /** Posts a form with the agent's token; the expected status is checked by the caller. */
  const post = (agent: Agent, token: string, path: string, body: Record<string, string> = {}) => agent.post(path).type('form').send({ _csrf: token, ...body });

  it('lets an animator write, order, check and publish a course, with drafts hidden from everyone else', async () => {
    const animator = await createUser(ctx, { name: 'Lucia Ferraro', role: 'animator' });
    const member = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const memberAgent = await signedInAgent(ctx.app, member.email, member.password);
    const published: ContentEventPayload[] = [];
    ctx.bus.subscribe('course.published', (e) => {
      published.push(e.payload);
    });

    // Only animators and admins create courses; anonymous visitors are sent to sign in.
    await memberAgent.get('/corsi/nuovo').expect(403);
    // Signed-in pages carry a token (the sign-out form): the member's own, for the posts below.
    const memberToken = csrfFrom((await memberAgent.get('/').expect(200)).text);
    await post(memberAgent, memberToken, '/corsi', { title: 'Il mio corso' }).expect(403);
    expect((await request(ctx.app).get('/corsi/nuovo').expect(303)).headers.location).to.match(/^\/accedi\?next=/);
    const token = csrfFrom((await agent.get('/corsi/nuovo').expect(200)).text);

    const bad = await post(agent, token, '/corsi', { title: '', summary: 'Breve', audience: 'Operatori', hours: 'tanti', level: 'base', competences: 'una riga senza codice' }).expect(400);
    expect(bad.text).to.match(/id="f-title-error"[^>]*>[\s\S]*?Scrivi un titolo/);
    expect(bad.text).to.contain('Durata in ore: Indica la durata in ore con un numero maggiore di zero');
    expect(bad.text).to.contain('Riga 1: scrivi la competenza nella forma');
    expect(bad.text).to.match(/name="summary"[^>]*>\s*Breve<\/textarea>/);

    const created = await post(agent, token, '/corsi', {
      title: 'Accogliere al CPI',
      summary: 'Il colloquio di accoglienza.',
      description: '## Perché\r\nUn corso per chi accoglie.',
      audience: 'Operatori dei CPI',
      hours: '1,5',
      level: 'base',
      enrolment: 'open',
      competences: 'SPI.ACC.01 – Condurre il colloquio\r\nSPI.ACC.02: Profilare',
      completionLessons: 'on',
      attendance: '0',
    }).expect(303);
    expect(created.headers.location).to.equal('/corsi/accogliere-al-cpi/modifica/struttura');
    const draft = await course('accogliere-al-cpi');
    expect(draft).to.include({ status: 'draft', source: 'web', createdBy: animator.id, version: 1, hours: 1.5, description: '## Perché\nUn corso per chi accoglie.' });
    expect(draft.descriptionHtml).to.contain('<h4>Perché</h4>');
    expect(draft.competences).to.deep.equal([{ code: 'SPI.ACC.01', title: 'Condurre il colloquio' }, { code: 'SPI.ACC.02', title: 'Profilare' }]);
    expect(draft.completion).to.deep.equal({ lessons: true, quizzes: false, attendance: 0 });
    expect(draft.animators).to.deep.equal([{ handle: animator.handle, name: 'Lucia Ferraro' }]);
    expect(await ctx.database.db.select().from(courseAnimators).where(eq(courseAnimators.courseId, draft.id))).to.deep.equal([{ courseId: draft.id, userId: animator.id }]);
    expect(await findMembership(ctx.database.db, draft.groupId!, animator.id)).to.include({ role: 'owner', status: 'active' });

    // The draft: its editor for the animator, nothing for a member, sign-in for the anonymous.
    expect((await agent.get('/corsi/accogliere-al-cpi/modifica/struttura').expect(200)).text).to.contain('Corso «Accogliere al CPI» creato in bozza');
    await memberAgent.get('/corsi/accogliere-al-cpi/modifica').expect(404);
    expect((await request(ctx.app).get('/corsi/accogliere-al-cpi/modifica').expect(303)).headers.location).to.match(/^\/accedi/);

    // Two modules, three lessons.
    const base = '/corsi/accogliere-al-cpi/modifica';
    const noTitle = await post(agent, token, `${base}/moduli`, { title: ' ' }).expect(400);
    expect(noTitle.text).to.match(/id="f-module-title-error"[^>]*>Scrivi un titolo/);
    await post(agent, token, `${base}/moduli`, { title: 'Accoglienza' }).expect(303);
    await post(agent, token, `${base}/moduli`, { title: 'Profilazione', summary: 'Leggere la persona.' }).expect(303);
    const [first, second] = await qc.courseModulesOf(ctx.database.db, draft.id);
    expect([first!.slug, second!.slug, second!.position]).to.deep.equal(['accoglienza', 'profilazione', 1]);
    const added = await post(agent, token, `${base}/lezioni`, { module: 'accoglienza', title: 'Il primo colloquio' }).expect(303);
    expect(added.headers.location).to.equal(`${base}/lezioni/il-primo-colloquio`);
    await post(agent, token, `${base}/lezioni`, { module: 'accoglienza', title: 'La DID' }).expect(303);
    await post(agent, token, `${base}/lezioni`, { module: 'profilazione', title: 'La profilazione' }).expect(303);
    await post(agent, token, `${base}/lezioni`, { module: 'nessuno', title: 'Persa' }).expect(400);
    expect(await lessonOrder(draft.id)).to.deep.equal([
      ['il-primo-colloquio', first!.id, 0],
      ['la-did', first!.id, 1],
      ['la-profilazione', second!.id, 2],
    ]);

    // Lesson editor: a preview without saving (no script), then the save.
    const lessonForm = { title: 'Il primo colloquio', module: 'accoglienza', minutes: '20', kind: 'reading', video: '', body: '## Ascoltare\r\n\r\nIl colloquio **inizia** qui.' };
    const preview = await post(agent, token, `${base}/lezioni/il-primo-colloquio`, { ...lessonForm, action: 'preview' }).expect(200);
    expect(preview.text).to.contain('<h4>Ascoltare</h4>').and.to.contain('<strong>inizia</strong>');
    expect((await qc.findLesson(ctx.database.db, draft.id, 'il-primo-colloquio'))!.body).to.equal('');
    const badLesson = await post(agent, token, `${base}/lezioni/il-primo-colloquio`, { ...lessonForm, minutes: '0', kind: 'video' }).expect(400);
    expect(badLesson.text).to.contain('Durata in minuti: Indica la durata in minuti').and.to.contain("Indirizzo del video: Una lezione video ha bisogno dell&#x27;indirizzo del video.");
    await post(agent, token, `${base}/lezioni/il-primo-colloquio`, lessonForm).expect(303);
    const saved = (await qc.findLesson(ctx.database.db, draft.id, 'il-primo-colloquio'))!;
    expect(saved).to.include({ minutes: 20, body: '## Ascoltare\n\nIl colloquio **inizia** qui.' });
    expect(saved.bodyHtml).to.contain('<h4>Ascoltare</h4>');

    // The preview for script: JSON, with the form token; animators only.
    const json = await agent.post('/corsi/anteprima').set('x-csrf-token', token).set('accept', 'application/json').send({ markdown: '*ciao*', course: 'accogliere-al-cpi' }).expect(200);
    expect(json.body.html).to.equal('<p><em>ciao</em></p>\n');
    await agent.post('/corsi/anteprima').send({ markdown: 'x' }).expect(403);
    await memberAgent.post('/corsi/anteprima').set('x-csrf-token', memberToken).set('accept', 'application/json').send({ markdown: 'x' }).expect(403);

    // Reordering: up within the module; down past its end into the next module.
    await post(agent, token, `${base}/lezioni/la-did/sposta`, { direction: 'up' }).expect(303);
    await post(agent, token, `${base}/lezioni/il-primo-colloquio/sposta`, { direction: 'down' }).expect(303);
    expect(await lessonOrder(draft.id)).to.deep.equal([
      ['la-did', first!.id, 0],
      ['il-primo-colloquio', second!.id, 1],
      ['la-profilazione', second!.id, 2],
    ]);
    await post(agent, token, `${base}/lezioni/la-did/sposta`, { direction: 'sideways' }).expect(303);
    // A deleted lesson leaves no gap in the order.
    await post(agent, token, `${base}/lezioni`, { module: 'accoglienza', title: 'Da togliere' }).expect(303);
    await post(agent, token, `${base}/lezioni/da-togliere/elimina`).expect(303);
    expect(await qc.findLesson(ctx.database.db, draft.id, 'da-togliere')).to.equal(undefined);
    // Modules move with their lessons; a module with lessons is not deleted.
    await post(agent, token, `${base}/moduli/profilazione/sposta`, { direction: 'up' }).expect(303);
    expect((await lessonOrder(draft.id)).map(([slug, , position]) => [slug, position])).to.deep.equal([
      ['il-primo-colloquio', 0],
      ['la-profilazione', 1],
      ['la-did', 2],
    ]);
    await post(agent, token, `${base}/moduli/accoglienza/elimina`).expect(303);
    const refused = await agent.get(`${base}/struttura`).expect(200);
    expect(refused.text).to.contain('Il modulo contiene ancora lezioni');
    expect(await qc.courseModulesOf(ctx.database.db, draft.id)).to.have.length(2);

    // A quiz, and a single-choice question whose correct answer is a choice without text.
    const quizAdded = await post(agent, token, `${base}/verifiche`, { title: 'Verifica finale' }).expect(303);
    expect(quizAdded.headers.location).to.equal(`${base}/verifiche/verifica-finale`);
    const badQuiz = await post(agent, token, `${base}/verifiche/verifica-finale`, { title: 'Verifica finale', passingScore: '150', maxAttempts: '' }).expect(400);
    expect(badQuiz.text).to.contain('Punteggio minimo per superarla (%): Indica il punteggio minimo');
    await post(agent, token, `${base}/verifiche/verifica-finale`, { title: 'Verifica finale', description: 'Una domanda.', passingScore: '80', maxAttempts: '' }).expect(303);
    expect(await qc.findQuiz(ctx.database.db, draft.id, 'verifica-finale')).to.include({ passingScore: 80, maxAttempts: null, description: 'Una domanda.' });
    const question = { kind: 'single', text: 'Che cosa apre il percorso al CPI?', points: '2', choice1_text: 'La DID', choice2_text: 'Il curriculum', explanation: 'La DID apre il percorso.' };
    const unknown = await post(agent, token, `${base}/verifiche/verifica-finale/domande`, { ...question, choice3_correct: 'on' }).expect(400);
    expect(unknown.text).to.contain('href="#f-answer"').and.to.contain('Risposta corretta: È segnata come corretta una scelta senza testo');
    expect(unknown.text).to.match(/name="choice3_correct" checked/);
    const none = await post(agent, token, `${base}/verifiche/verifica-finale/domande`, question).expect(400);
    expect(none.text).to.contain('Risposta corretta: Segna come corretta una e una sola scelta.');
    const tooFew = await post(agent, token, `${base}/verifiche/verifica-finale/domande`, { kind: 'multiple', text: 'Quali?', choice1_text: 'Una', choice1_correct: 'on' }).expect(400);
    expect(tooFew.text).to.contain('Scelte: Scrivi almeno due scelte.');
    const noExpected = await post(agent, token, `${base}/verifiche/verifica-finale/domande`, { kind: 'text', text: 'Come si chiama?' }).expect(400);
    expect(noExpected.text).to.contain('Risposte accettate: Scrivi almeno una risposta accettata');
    expect((await qc.findQuiz(ctx.database.db, draft.id, 'verifica-finale'))!.questions).to.deep.equal([]);

    // Publishing is refused while the quiz has no question, then done.
    const notReady = await post(agent, token, `${base}/pubblica`).expect(409);
    expect(notReady.text).to.contain('Il corso non si può ancora pubblicare').and.to.contain('la verifica «Verifica finale» non ha domande');
    await post(agent, token, `${base}/verifiche/verifica-finale/domande`, { ...question, choice1_correct: 'on', choice1_feedback: 'Esatto.' }).expect(303);
    const quiz = (await qc.findQuiz(ctx.database.db, draft.id, 'verifica-finale'))!;
    expect(quiz.questions).to.deep.equal([
      {
        id: 'che-cosa-apre-il-percorso-al-cpi',
        kind: 'single',
        text: 'Che cosa apre il percorso al CPI?',
        points: 2,
        explanation: 'La DID apre il percorso.',
        expected: [],
        choices: [
          { id: 'a', text: 'La DID', feedback: 'Esatto.' },
          { id: 'b', text: 'Il curriculum', feedback: '' },
        ],
        answer: ['a'],
      },
    ]);
    await post(agent, token, `${base}/pubblica`).expect(303);
    let live = await course('accogliere-al-cpi');
    expect(live).to.include({ status: 'published', version: 1 });
    expect(live.publishedAt).to.be.instanceOf(Date);
    expect(live.publishedHash).to.equal(await hashOf(live));
    await ctx.settle();
    expect(published).to.deep.equal([{ actorId: animator.id, objectId: live.id, title: 'Accogliere al CPI', url: '/corsi/accogliere-al-cpi' }]);

    // Published: still the animator's to edit, a member is refused, the anonymous sent to sign in.
    await memberAgent.get(`${base}`).expect(403);
    await memberAgent.get(`${base}/lezioni/la-did`).expect(403);
    expect((await request(ctx.app).get(base).expect(303)).headers.location).to.match(/^\/accedi/);

    // A changed lesson body is a new version; the same content saved again is not.
    const changed = await post(agent, token, `${base}/lezioni/la-did`, { title: 'La DID', module: 'accoglienza', minutes: '10', kind: 'reading', body: 'La dichiarazione.\r\n' }).expect(303);
    expect((await agent.get(changed.headers.location!).expect(200)).text).to.contain('Il corso pubblicato è passato alla versione 2.');
    live = await course('accogliere-al-cpi');
    expect(live.version).to.equal(2);
    expect(live.publishedHash).to.equal(await hashOf(live));
    await post(agent, token, `${base}/lezioni/la-did`, { title: 'La DID', module: 'accoglienza', minutes: '10', kind: 'reading', body: 'La dichiarazione.' }).expect(303);
    // Settings learners do not see as content (audience) change no version either.
    const settings = csrfFrom((await agent.get(base).expect(200)).text);
    await post(agent, settings, base, {
      title: 'Accogliere al CPI',
      summary: 'Il colloquio di accoglienza.',
      description: '## Perché\r\nUn corso per chi accoglie.',
      audience: 'Operatori e operatrici dei CPI',
      hours: '1.5',
      level: 'base',
      enrolment: 'open',
      competences: 'SPI.ACC.01 – Condurre il colloquio',
      completionLessons: 'on',
      attendance: '0',
    }).expect(303);
    live = await course('accogliere-al-cpi');
    expect(live).to.include({ version: 2, audience: 'Operatori e operatrici dei CPI' });

    // Back to draft: refused while someone is enrolled.
    await ctx.database.db.insert(courseEnrolments).values({ courseId: live.id, userId: member.id });
    const busy = await post(agent, token, `${base}/bozza`).expect(409);
    expect(busy.text).to.contain('Il corso non può tornare in bozza').and.to.contain('Una persona è iscritta');
    expect((await course('accogliere-al-cpi')).status).to.equal('published');
    await ctx.database.db.delete(courseEnrolments).where(and(eq(courseEnrolments.courseId, live.id), eq(courseEnrolments.userId, member.id)));
    await post(agent, token, `${base}/bozza`).expect(303);
    expect(await course('accogliere-al-cpi')).to.include({ status: 'draft', version: 2 });
    await memberAgent.get(base).expect(404);
  });

  it('edits an imported course in place: the same content keeps its version, and the page warns about the next import', async () => {
    const anna = await createUser(ctx, { name: 'Anna Animatrice', role: 'animator' });
    await importCourses(ctx, await writeCourses([{}]));
    const imported = await course('corso-prova');
    expect(imported).to.include({ status: 'published', source: 'file', version: 1 });
    // The database holds what the files held: the same fingerprint.
    expect(await hashOf(imported)).to.equal(imported.publishedHash);

    const agent = await signedInAgent(ctx.app, anna.email, anna.password);
    const page = await agent.get('/corsi/corso-prova/modifica').expect(200);
    expect(page.text).to.contain('la prossima importazione (courses:import) di quella cartella sovrascriverà le modifiche');
    const token = csrfFrom(page.text);
    const base = '/corsi/corso-prova/modifica';

    // The lesson and a question saved as the forms show them: nothing changed, no new version.
    const lesson = (await qc.findLesson(ctx.database.db, imported.id, 'la-did'))!;
    await post(agent, token, `${base}/lezioni/la-did`, { title: lesson.title, module: 'primo', minutes: String(lesson.minutes), kind: lesson.kind, body: lesson.body.replace(/\n/g, '\r\n') }).expect(303);
    const form = (await agent.get(`${base}/verifiche/verifica/domande/did`).expect(200)).text;
    expect(form).to.contain('name="choice2_id" value="b"').and.to.match(/name="choice2_correct" checked/);
    await post(agent, token, `${base}/verifiche/verifica/domande/did`, {
      kind: 'single',
      text: "Che cos'è la DID?",
      points: '1',
      choice1_id: 'a',
      choice1_text: 'Un contratto di lavoro',
      choice1_feedback: 'No, la DID non è un contratto.',
      choice2_id: 'b',
      choice2_text: 'La dichiarazione di immediata disponibilità',
      choice2_feedback: 'Esatto.',
      choice2_correct: 'on',
      explanation: "La DID apre il percorso al Centro per l'Impiego.",
    }).expect(303);
    await post(agent, token, `${base}/verifiche/verifica/domande/online`, { kind: 'truefalse', text: 'La DID si può rendere online.', points: '1', trueAnswer: 'true', feedbackTrue: 'Sì, anche online.', feedbackFalse: 'In realtà si può.' }).expect(303);
    expect(await course('corso-prova')).to.include({ version: 1, source: 'file' });

    // A real change, then the question moved: each a new version.
    await post(agent, token, `${base}/verifiche/verifica/domande/online`, { kind: 'truefalse', text: 'La DID si può rendere online.', points: '1', trueAnswer: 'false' }).expect(303);
    expect((await course('corso-prova')).version).to.equal(2);
    await post(agent, token, `${base}/verifiche/verifica/domande/online/sposta`, { direction: 'up' }).expect(303);
    const after = await course('corso-prova');
    expect(after.version).to.equal(3);
    expect((await qc.findQuiz(ctx.database.db, after.id, 'verifica'))!.questions.map((qn) => qn.id)).to.deep.equal(['did', 'online', 'strumenti', 'sigla']);

    // An animator who does not run this course is refused.
    const other = await createUser(ctx, { role: 'animator' });
    const otherAgent = await signedInAgent(ctx.app, other.email, other.password);
    await otherAgent.get(base).expect(403);
    const status = await ctx.database.db.select({ status: courses.status }).from(courses).where(eq(courses.id, after.id));
    expect(status).to.deep.equal([{ status: 'published' }]);
  });
});
