import { expect } from 'chai';
import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import * as q from '../../../models/queries/courses.ts';
import * as qc from '../../../models/queries/courses-content.ts';
import * as ql from '../../../models/queries/courses-learning.ts';
import { findMembership } from '../../../models/queries/groups.ts';
import { courses, courseLessons, lessonCompletions } from '../../../models/schema.ts';
import { ROOT_DIR } from '../../../server/config.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { CourseFilesError } from '../../../server/features/courses/courses.files.ts';
import { importCourses, importCoursesOnFirstStart } from '../../../server/features/courses/courses.import.ts';
import { completeLesson } from '../../../server/features/courses/courses.lessons.ts';
import { submitAttempt } from '../../../server/features/courses/courses.quizzes.ts';
import { enrol } from '../../../server/features/courses/courses.enrolment.ts';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { courseYml, lesson, RIGHT_ANSWERS, SAMPLE_QUIZ, writeCourse, writeCourses } from '../../helpers/courses.ts';

async function importError(ctx: TestContext, dir: string): Promise<CourseFilesError> {
  try {
    await importCourses(ctx, dir);
  } catch (err) {
    if (err instanceof CourseFilesError) return err;
    throw err;
  }
  throw new Error('the import should have failed');
}

describe('course import', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('imports the four courses shipped in courses/, each with 2+ modules, 6+ lessons and a quiz', async () => {
    const results = await importCourses(ctx, path.join(ROOT_DIR, 'courses'));
    expect(results.map((r) => r.slug)).to.include.members([
      'accoglienza-profilazione-cpi',
      'analisi-mercato-lavoro-osservatori',
      'invecchiamento-attivo-over-40',
      'libretto-formativo-competenze',
    ]);
    for (const r of results) {
      const course = (await q.findCourseBySlug(ctx.database.db, r.slug))!;
      expect(course.status, r.slug).to.equal('published');
      expect((await qc.courseModulesOf(ctx.database.db, course.id)).length, r.slug).to.be.at.least(2);
      expect((await qc.lessonOutline(ctx.database.db, course.id)).length, r.slug).to.be.at.least(6);
      const quizzes = await qc.quizzesOf(ctx.database.db, course.id);
      expect(quizzes.length, r.slug).to.be.at.least(1);
      expect(new Set(quizzes.flatMap((qz) => qz.questions.map((qn) => qn.kind))), r.slug).to.have.keys('single', 'multiple', 'truefalse', 'text');
      expect(course.groupId, `${r.slug} has a discussion space`).to.be.a('number');
    }
    // Lesson images are served from the course, and the rendered lesson points at them.
    const cpi = (await q.findCourseBySlug(ctx.database.db, 'accoglienza-profilazione-cpi'))!;
    const withImage = (await ctx.database.db.select().from(courseLessons).where(eq(courseLessons.courseId, cpi.id))).find((l) => l.bodyHtml.includes('<img'));
    const src = /<img src="([^"]+)"/.exec(withImage!.bodyHtml)![1]!;
    expect(src).to.match(/^\/corsi\/accoglienza-profilazione-cpi\/file\/images\/.+\.svg$/);
    const image = await request(ctx.app).get(src).expect(200);
    expect(image.headers['content-type']).to.match(/^image\/svg\+xml/);
    expect(image.headers['content-security-policy']).to.contain('sandbox');
  });

  it('names the file and line of every problem and imports nothing, not even the valid courses', async () => {
    const root = await writeCourses([{ slug: 'corso-buono' }]);
    await writeCourse(root, {
      slug: 'corso-rotto',
      courseYml: courseYml().replace(/^title: .*\n/, ''),
      lessons: { '01-intro.md': lesson('Intro', 'primo'), '02-altro.md': lesson('Altro', 'terzo'), 'appunti.md': 'x' },
      quizzes: { 'verifica.yml': SAMPLE_QUIZ.replace('    answer: b\n', '    answer: z\n') },
    });
    const err = await importError(ctx, root);
    const problems = err.problems.map((p) => `${path.basename(p.file)}:${p.line ?? '-'} ${p.message}`);
    expect(problems).to.include('course.yml:1 «title»: Campo obbligatorio');
    expect(problems).to.include('02-altro.md:3 il modulo «terzo» non esiste in course.yml');
    expect(problems.some((p) => p.startsWith('appunti.md:- il nome del file deve essere NN-identificativo.md'))).to.equal(true);
    // The line of the answer that refers to no choice.
    const quizLine = SAMPLE_QUIZ.split('\n').findIndex((l) => l === '    answer: b') + 1;
    expect(problems).to.include(`verifica.yml:${quizLine} la risposta «z» non corrisponde a nessuna scelta`);
    expect(problems).to.include('course.yml:15 il modulo «secondo» non ha lezioni');
    expect(await q.countCourses(ctx.database.db)).to.equal(0);
  });

  it('reports YAML syntax errors and broken front matter with their lines', async () => {
    const root = await writeCourses([
      { slug: 'corso-a', courseYml: `${courseYml()}completion:\n  lessons: true\n  attendance: [\n` },
      { slug: 'corso-b', lessons: { '01-a.md': lesson('A', 'primo'), '02-b.md': 'nessuna intestazione', '03-c.md': lesson('C', 'secondo', 'x', 'minutes: 5\n') } },
    ]);
    const err = await importError(ctx, root);
    const text = err.message;
    expect(text).to.match(/corso-a\/course\.yml:2[0-9]: YAML non valido/);
    expect(text).to.contain("02-b.md:1: manca l'intestazione");
    expect(text).to.match(/03-c\.md:\d+: YAML non valido: .*(Map keys must be unique|duplicate)/i);
  });

  it('updates a course without losing progress, bumping the version only when published content changes', async () => {
    const root = await writeCourses([{}]);
    await createUser(ctx, { name: 'Anna Animatrice', role: 'animator' });
    const learner = await createUser(ctx);
    const actor = toSessionUser(learner);
    const [first] = await importCourses(ctx, root);
    expect(first).to.include({ slug: 'corso-prova', created: true, version: 1, lessons: 3, quizzes: 1 });
    await enrol(ctx, actor, 'corso-prova');
    await completeLesson(ctx, actor, 'corso-prova', 'la-did');
    await submitAttempt(ctx, actor, 'corso-prova', 'verifica', { answers: { did: 'a' } });

    const [same] = await importCourses(ctx, root);
    expect(same).to.include({ created: false, version: 1 });

    // New text in a lesson, a lesson added, one removed.
    const dir = path.join(root, 'corso-prova');
    await writeFile(path.join(dir, 'lessons', '02-la-did.md'), lesson('La DID', 'primo', 'Testo aggiornato della lezione.'));
    await writeFile(path.join(dir, 'lessons', '04-nuova.md'), lesson('Nuova', 'secondo'));
    await rm(path.join(dir, 'lessons', '01-benvenuto.md'));
    const [updated] = await importCourses(ctx, root);
    expect(updated).to.include({ version: 2, lessons: 3 });
    const course = (await q.findCourseBySlug(ctx.database.db, 'corso-prova'))!;
    const lessons = await qc.lessonOutline(ctx.database.db, course.id);
    expect(lessons.map((l) => l.slug)).to.deep.equal(['la-did', 'il-patto', 'nuova']);
    const done = await ctx.database.db.select().from(lessonCompletions).where(eq(lessonCompletions.userId, learner.id));
    expect(done.map((d) => d.lessonId)).to.deep.equal([lessons[0]!.id]);
    expect((await ql.quizStandings(ctx.database.db, course.id, learner.id))[0]!.attempts).to.equal(1);
    expect(await ql.findEnrolment(ctx.database.db, course.id, learner.id)).to.include({ status: 'active' });
  });

  it('links animators by handle, who run the course and moderate its private discussion space', async () => {
    const anna = await createUser(ctx, { name: 'Anna Animatrice', role: 'animator' });
    await importCourses(ctx, await writeCourses([{}]));
    const course = (await q.findCourseBySlug(ctx.database.db, 'corso-prova'))!;
    expect(await q.courseAnimatorIds(ctx.database.db, course.id)).to.deep.equal([anna.id]);
    expect(await findMembership(ctx.database.db, course.groupId!, anna.id)).to.include({ status: 'active' });
  });

  it('keeps courses written in the browser unless told to replace them', async () => {
    const root = await writeCourses([{}]);
    await importCourses(ctx, root);
    await ctx.database.db.update(courses).set({ source: 'web' }).where(eq(courses.slug, 'corso-prova'));
    const err = await importError(ctx, root);
    expect(err.message).to.contain('è stato creato nel browser');
    const [replaced] = await importCourses(ctx, root, { replaceWebCourses: true });
    expect(replaced!.slug).to.equal('corso-prova');
  });

  it('refuses titles on several lines and files that are links, wherever they point', async () => {
    const root = await writeCourses([{ slug: 'corso-a', courseYml: courseYml('Corso\\r\\nBEGIN:VEVENT') }, { slug: 'corso-b' }]);
    const b = path.join(root, 'corso-b');
    await symlink('/etc/hostname', path.join(b, 'images', 'fuga.svg'));
    await writeFile(path.join(b, 'course.yml'), `${await readFile(path.join(b, 'course.yml'), 'utf8')}cover: images/fuga.svg\n`);
    await symlink('/etc/hostname', path.join(b, 'lessons', '09-fuori.md'));
    const problems = (await importError(ctx, root)).problems.map((p) => `${path.basename(p.file)}:${p.line ?? '-'} ${p.message}`);
    expect(problems).to.include('course.yml:1 «title»: Scrivi il testo su una sola riga');
    expect(problems).to.include("course.yml:18 il file «images/fuga.svg» deve stare nella cartella del corso ed essere un'immagine svg, png, jpg o webp");
    expect(problems).to.include('09-fuori.md:- è un collegamento o una cartella: servono file veri dentro la cartella del corso');
    expect(await q.countCourses(ctx.database.db)).to.equal(0);
  });

  it('links as course animators only people who are animators or admins', async () => {
    const member = await createUser(ctx, { name: 'Anna Animatrice' });
    await importCourses(ctx, await writeCourses([{}]));
    const course = (await q.findCourseBySlug(ctx.database.db, 'corso-prova'))!;
    expect(await q.courseAnimatorIds(ctx.database.db, course.id)).to.deep.equal([]);
    expect(await findMembership(ctx.database.db, course.groupId!, member.id)).to.equal(undefined);
  });

  it('runs on a first start only: an empty database gets the courses, a later start changes nothing', async () => {
    const root = await writeCourses([{}]);
    expect((await importCoursesOnFirstStart(ctx, root)).map((r) => r.slug)).to.deep.equal(['corso-prova']);
    await ctx.database.db.update(courses).set({ title: 'Titolo cambiato' });
    expect(await importCoursesOnFirstStart(ctx, root)).to.deep.equal([]);
    expect((await q.findCourseBySlug(ctx.database.db, 'corso-prova'))!.title).to.equal('Titolo cambiato');
    // A broken folder on first start is logged, and the platform still starts.
    const fresh = await testContext();
    const broken = await writeCourses([{ courseYml: 'title: [' }]);
    expect(await importCoursesOnFirstStart(fresh, broken)).to.deep.equal([]);
  });

  it('runs from the command line with clear errors and exit code 1 for bad files', async function () {
    this.timeout(60_000);
    const { cli } = await import('../../helpers/process.ts');
    const root = await writeCourses([{ quizzes: { 'verifica.yml': SAMPLE_QUIZ.replace('answer: [patto, profilo]', 'answer: [patto, nessuna]') } }]);
    const bad = await cli(['courses:import', root], { DATABASE_URL: 'memory://' });
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.contain('Nessun corso importato');
    expect(bad.stderr).to.match(/verifica\.yml:\d+: la risposta «nessuna» non corrisponde a nessuna scelta/);
    const good = await cli(['courses:import', await writeCourses([{}])], { DATABASE_URL: 'memory://' });
    expect(good.code, good.stderr).to.equal(0);
    expect(good.stdout).to.contain('corso-prova (v1, 3 lezioni / lessons, 1 verifiche / quizzes)');
  });

  it('scores the sample quiz as the right answers say', async () => {
    await importCourses(ctx, await writeCourses([{}]));
    const learner = toSessionUser(await createUser(ctx));
    await enrol(ctx, learner, 'corso-prova');
    const attempt = await submitAttempt(ctx, learner, 'corso-prova', 'verifica', { answers: RIGHT_ANSWERS });
    expect(attempt).to.include({ score: 4, maxScore: 4, passed: true });
  });
});
