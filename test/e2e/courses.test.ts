// Browser test of courses in headless Debian Chromium (playwright-core): a new member takes a course
// end to end. An anonymous visitor browses and filters the catalogue and opens a course; registers;
// enrols; goes through every lesson (buttons, previous/next links, the keyboard), watching the
// progress grow; fails the quiz once, then passes it and completes the course; finds it at 100% in
// "I miei corsi"; opens a lesson's discussion in the course's space. axe runs on every page of the
// journey. The real courses/ folder is imported, and the quiz's answers are read from its YAML, so
// the test follows the content. Every page is watched for console errors, CSP violations and failed
// requests. Fails when Chromium is missing. A step that needs
// what an earlier one produced fails, naming it, when that step failed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { ROOT_DIR } from '../../server/config.ts';
import { seedDemo } from '../../server/demo/seed.ts';
import { importCourses } from '../../server/features/courses/courses.import.ts';
import { expectNoSeriousAxeViolations, launchBrowser, needs, requireChromium, watchPage } from '../helpers/browser.ts';
import { testContext, type TestContext } from '../helpers/context.ts';
import { startLive, type Live } from '../helpers/live.ts';

const COURSES_DIR = path.join(ROOT_DIR, 'courses');
const SLUG = 'accoglienza-profilazione-cpi';
const COURSE_DIR = path.join(COURSES_DIR, SLUG);

// ---- The content, read from the course folders (the same files the import reads). ----

type CourseYml = {
  title: string;
  level: string;
  published?: boolean;
  competences?: { code: string; title: string }[];
  animators?: { name: string; handle?: string }[];
  modules: { slug: string; title: string }[];
};
type Question = {
  id: string;
  kind: 'single' | 'multiple' | 'truefalse' | 'text';
  text: string;
  choices?: { id: string; text: string; feedback?: string }[];
  answer?: string | string[] | boolean;
  expected?: string[];
  feedback?: { true?: string; false?: string };
  explanation?: string;
};
type QuizYml = { title: string; passingScore: number; maxAttempts?: number; questions: Question[] };

const readYaml = <T>(file: string): T => parseYaml(readFileSync(file, 'utf8')) as T;

/** Every course folder's course.yml, by slug. */
const ALL_COURSES = readdirSync(COURSES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => ({ slug: d.name, ...readYaml<CourseYml>(path.join(COURSES_DIR, d.name, 'course.yml')) }))
  .filter((c) => c.published !== false);
const COURSE = ALL_COURSES.find((c) => c.slug === SLUG)!;

/** The lessons in order (files NN-slug.md), with the title of their front matter. */
const LESSONS = readdirSync(path.join(COURSE_DIR, 'lessons'))
  .filter((f) => /^\d+-[a-z0-9-]+\.md$/.test(f))
  .sort()
  .map((f) => {
    const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(path.join(COURSE_DIR, 'lessons', f), 'utf8'))![1]!;
    return { slug: f.replace(/^\d+-/, '').replace(/\.md$/, ''), title: (parseYaml(front) as { title: string }).title };
  });

const QUIZ_FILE = readdirSync(path.join(COURSE_DIR, 'quizzes')).filter((f) => f.endsWith('.yml'))[0]!;
const QUIZ_SLUG = QUIZ_FILE.replace(/\.yml$/, '');
const QUIZ = readYaml<QuizYml>(path.join(COURSE_DIR, 'quizzes', QUIZ_FILE));

const rightChoices = (q: Question): string[] =>
  q.kind === 'truefalse' ? [String(q.answer === true)] : ([] as string[]).concat(q.answer as string | string[]);
const TF_LABEL: Record<string, string> = { true: 'Vero', false: 'Falso' };

/** A deliberately wrong answer to each question: a wrong choice, the other truth value, an unrelated text. */
function wrongAnswer(q: Question): string[] {
  if (q.kind === 'text') return ['una risposta sicuramente sbagliata'];
  if (q.kind === 'truefalse') return [String(q.answer !== true)];
  const right = rightChoices(q);
  return [q.choices!.find((c) => !right.includes(c.id))!.id];
}
function rightAnswer(q: Question): string[] {
  return q.kind === 'text' ? [q.expected![0]!] : rightChoices(q);
}
/** The feedback the YAML gives for the chosen answer (none for a text question). */
function feedbackFor(q: Question, given: string[]): string[] {
  if (q.kind === 'truefalse')
    return given
      .map((g) => q.feedback?.[g as 'true' | 'false'])
      .filter((f): f is string => Boolean(f?.trim()))
      .map((f) => f.trim());
  if (q.kind === 'text') return [];
  return q.choices!.filter((c) => given.includes(c.id) && c.feedback).map((c) => c.feedback!.trim());
}

/** "Completato il 3 marzo 2027": the badge of a completed course. */
const COMPLETED_ON = /^Completato il \d{1,2} \p{L}+ \d{4}$/u;

const PERSON = {
  name: 'Giulia Marchetti',
  email: 'giulia.marchetti@cpi-prato.example.org',
  password: 'una-password-lunga-2026',
  organization: 'CPI di Prato',
  jobTitle: "Operatrice dell'accoglienza",
  region: 'Toscana',
};

describe('a new member takes a course end to end (headless Chromium)', function () {
  this.timeout(60_000);

  let ctx: TestContext;
  let live: Live | undefined;
  let browser: Browser | undefined;
  let base = '';
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  // Filled in as the story goes on.
  let page: Page;
  let registered = false;
  let enrolled = false;
  let lessonsDone = false;
  let completed = false;

  before(async function () {
    requireChromium(this);
    this.timeout(60_000);
    ctx = await testContext();
    // The demo members include the course's animators (linked by handle on the course page).
    await seedDemo(ctx);
    const imported = await importCourses(ctx, COURSES_DIR);
    expect(imported.map((r) => r.slug)).to.include(SLUG);
    live = await startLive(ctx);
    base = live.url;
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'it-IT', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    page = watchPage(await context.newPage(), problems);
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await live?.close();
  });

  const main = (p: Page) => p.getByRole('main');
  const h1 = (p: Page) => p.getByRole('heading', { level: 1 });
  const flash = (p: Page, text: string | RegExp) => p.locator('.alert[role="status"]').filter({ hasText: text });
  const lessonUrl = (slug: string) => `${base}/corsi/${SLUG}/lezioni/${slug}`;
  const lessonNav = (p: Page) => p.getByRole('navigation', { name: 'Navigazione tra le lezioni' });
  const markDone = (p: Page) => main(p).getByRole('button', { name: 'Segna come completata', exact: true });

  async function goto(p: Page, url: string): Promise<void> {
    const res = await p.goto(base + url);
    expect(res?.status(), `GET ${url}`).to.equal(200);
  }

  /** The value of the page's progress bar and the percentage its label states (they must agree). */
  async function progressOn(p: Page, id: string): Promise<number> {
    const bar = p.locator(`progress#progress-${id}`);
    const value = Number(await bar.getAttribute('value'));
    expect(await p.locator(`label[for="progress-${id}"]`).innerText()).to.equal(`Avanzamento: ${value}%`);
    return value;
  }

  /**
   * Links, buttons and fields of the page's main content whose middle is covered by another
   * element (a click there would land on that element instead). bootstrap-italia lifts field labels
   * above their inputs, out of the flow; a control's own label (drawn over checkboxes and radios)
   * does not count.
   */
  async function coveredControls(p: Page): Promise<string[]> {
    return p.locator('main :is(a[href], button, input:not([type="hidden"]), select, textarea)').evaluateAll((els) => {
      const found: string[] = [];
      // (No named inner functions: tsx would wrap them in a helper the page does not have.)
      for (const el of els) {
        el.scrollIntoView({ block: 'center', inline: 'center' });
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (!hit || hit === el || el.contains(hit)) continue;
        const label = hit.closest('label');
        if (label && label.control === el) continue;
        const name = (el.textContent || el.getAttribute('aria-label') || el.id || '')
          .trim()
          .replace(/\s+/g, ' ')
          .slice(0, 40);
        const by = (hit.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
        found.push(
          `${el.tagName.toLowerCase()} "${name}" is covered by ${hit.tagName.toLowerCase()}${hit.getAttribute('class') ? '.' + hit.getAttribute('class')!.trim().replace(/\s+/g, '.') : ''} "${by}"`,
        );
      }
      window.scrollTo(0, 0);
      return found;
    });
  }

  /** axe, and no control covered by another element. */
  async function expectAccessible(p: Page, label: string): Promise<void> {
    await expectNoSeriousAxeViolations(p, label);
    const covered = await coveredControls(p);
    expect(covered, `covered controls on ${label}:\n${covered.join('\n')}`).to.deep.equal([]);
  }

  /** The catalogue's cards, as course titles. */
  const cardTitles = (p: Page) => main(p).locator('article.card h2').allInnerTexts();

  it('shows an anonymous visitor the catalogue, its filters and the course page, which asks to sign in to enrol', async () => {
    await goto(page, '/');
    await page
      .getByRole('navigation', { name: 'Menu principale' })
      .getByRole('link', { name: 'Corsi', exact: true })
      .click();
    await page.waitForURL(`${base}/corsi`);
    expect(await h1(page).innerText()).to.equal('Corsi');
    expect((await cardTitles(page)).sort()).to.deep.equal(ALL_COURSES.map((c) => c.title).sort());
    expect(ALL_COURSES).to.have.length(4);
    expect(await main(page).getByText(`${ALL_COURSES.length} corsi`, { exact: true }).count()).to.equal(1);
    await expectAccessible(page, '/corsi');

    // Full-text search.
    const search = page.getByRole('search', { name: 'Filtra i corsi' });
    await search.getByLabel('Cerca nel catalogo').fill('profilazione');
    await search.getByRole('button', { name: 'Filtra', exact: true }).click();
    await page.waitForURL(/\/corsi\?q=profilazione/);
    const found = await cardTitles(page);
    expect(found).to.include(COURSE.title);
    expect(found.length).to.be.lessThan(ALL_COURSES.length);
    expect(await search.getByLabel('Cerca nel catalogo').inputValue()).to.equal('profilazione');
    expect(await main(page).getByRole('link', { name: 'Mostra tutti i corsi' }).isVisible()).to.equal(true);

    // Level filter (and the search cleared): exactly the courses of that level.
    await search.getByLabel('Cerca nel catalogo').fill('');
    await search.getByLabel('Livello').selectOption({ label: 'Base' });
    await search.getByRole('button', { name: 'Filtra', exact: true }).click();
    await page.waitForURL(/livello=base/);
    const base_ = ALL_COURSES.filter((c) => c.level === 'base').map((c) => c.title);
    expect((await cardTitles(page)).sort()).to.deep.equal(base_.sort());
    expect(await search.getByLabel('Livello').inputValue()).to.equal('base');
    await expectAccessible(page, '/corsi filtered');

    // The course page.
    await main(page).getByRole('link', { name: COURSE.title, exact: true }).click();
    await page.waitForURL(`${base}/corsi/${SLUG}`);
    expect(await h1(page).innerText()).to.equal(COURSE.title);
    const syllabus = main(page).locator('section[aria-labelledby="syllabus-title"]');
    expect(await syllabus.getByRole('heading', { name: 'Programma', exact: true }).isVisible()).to.equal(true);
    for (const [i, m] of COURSE.modules.entries()) {
      expect(
        await syllabus.getByRole('heading', { name: `Modulo ${i + 1} – ${m.title}`, exact: true }).isVisible(),
        m.title,
      ).to.equal(true);
    }
    const items = await syllabus.locator('ol li').allInnerTexts();
    expect(items.map((t) => t.split('\n')[0]!.split(' · ')[0]!.trim())).to.deep.equal(LESSONS.map((l) => l.title));
    expect(await syllabus.getByText(QUIZ.title, { exact: true }).isVisible()).to.equal(true);

    const competences = main(page)
      .locator('.card')
      .filter({ has: page.getByRole('heading', { name: 'Competenze sviluppate' }) });
    for (const c of COURSE.competences!)
      expect(await competences.innerText())
        .to.contain(c.code)
        .and.to.contain(c.title);
    const animators = main(page)
      .locator('.card')
      .filter({ has: page.getByRole('heading', { name: 'Animatori' }) });
    for (const a of COURSE.animators!) {
      // Animators with an account here link to their profile.
      expect(await animators.getByRole('link', { name: a.name, exact: true }).getAttribute('href'), a.name).to.match(
        /^\/membri\/\d+$/,
      );
    }

    expect(await main(page).getByRole('button', { name: 'Iscriviti al corso' }).count()).to.equal(0);
    const signIn = main(page).getByRole('link', { name: 'Accedi per iscriverti', exact: true });
    expect(await signIn.getAttribute('href')).to.equal(`/accedi?next=/corsi/${SLUG}`);
    await expectAccessible(page, `/corsi/${SLUG} anonymous`);

    await signIn.click();
    await page.waitForURL(`${base}/accedi?next=/corsi/${SLUG}`);
    expect(await h1(page).innerText()).to.match(/Accedi/);
  });

  it('registers the visitor, who enrols on the course', async () => {
    // No account yet: from the sign-in page the course sent the visitor to, to the registration form.
    if (page.url() !== `${base}/accedi?next=/corsi/${SLUG}`) await goto(page, `/accedi?next=/corsi/${SLUG}`);
    await main(page).getByRole('link', { name: 'Registrati', exact: true }).click();
    await page.waitForURL(`${base}/registrati`);
    await page.getByLabel('Nome e cognome').fill(PERSON.name);
    await page.getByLabel('Indirizzo e-mail').fill(PERSON.email);
    await page.getByLabel('Password').fill(PERSON.password);
    await page.getByLabel('Ente di appartenenza').fill(PERSON.organization);
    await page.getByLabel('Ruolo').fill(PERSON.jobTitle);
    await page.getByLabel('Regione').selectOption(PERSON.region);
    await main(page).getByRole('button', { name: 'Registrati', exact: true }).click();
    await page.waitForURL(/\/membri\/\d+$/);
    expect(await page.getByRole('banner').getByRole('button', { name: PERSON.name }).isVisible()).to.equal(true);
    registered = true;

    // Back to the course through the menu and the catalogue.
    await page
      .getByRole('navigation', { name: 'Menu principale' })
      .getByRole('link', { name: 'Corsi', exact: true })
      .click();
    await page.waitForURL(`${base}/corsi`);
    await main(page).getByRole('link', { name: COURSE.title, exact: true }).click();
    await page.waitForURL(`${base}/corsi/${SLUG}`);
    expect(await main(page).getByRole('link', { name: 'Accedi per iscriverti' }).count()).to.equal(0);
    expect(await main(page).getByRole('link', { name: 'Inizia il corso' }).count()).to.equal(0);

    await main(page).getByRole('button', { name: 'Iscriviti al corso', exact: true }).click();
    await page.waitForURL(`${base}/corsi/${SLUG}`);
    await page.waitForLoadState('domcontentloaded');
    expect(await flash(page, `Ti sei iscritto/a al corso «${COURSE.title}». Buono studio!`).count()).to.equal(1);
    expect(await main(page).getByText('Sei iscritto/a', { exact: true }).isVisible()).to.equal(true);
    expect(await main(page).getByRole('button', { name: 'Iscriviti al corso' }).count()).to.equal(0);
    expect(await main(page).getByRole('link', { name: 'Inizia il corso', exact: true }).isVisible()).to.equal(true);
    expect(await progressOn(page, 'course')).to.equal(0);
    expect(
      await main(page).getByText(`Lezioni completate 0 su ${LESSONS.length} · verifiche superate 0 su 1`).count(),
    ).to.equal(1);
    await expectAccessible(page, `/corsi/${SLUG} enrolled`);
    enrolled = true;
  });

  it('takes the learner through every lesson, with the progress growing, previous/next links and the keyboard', async function () {
    needs(this, { enrolled });
    await main(page).getByRole('link', { name: 'Inizia il corso', exact: true }).click();
    await page.waitForURL(lessonUrl(LESSONS[0]!.slug));
    expect(await h1(page).innerText()).to.equal(LESSONS[0]!.title);
    expect(await main(page).getByText(`Lezione 1 di ${LESSONS.length}`).count()).to.equal(1);
    expect(
      await lessonNav(page)
        .getByRole('link', { name: /^Precedente/ })
        .count(),
    ).to.equal(0);
    await expectAccessible(page, 'lesson page');

    let percent = await progressOn(page, 'lesson');
    expect(percent).to.equal(0);
    for (const [i, lesson] of LESSONS.entries()) {
      const last = i === LESSONS.length - 1;
      expect(await h1(page).innerText()).to.equal(lesson.title);
      expect(
        await main(page)
          .getByText(`Lezione ${i + 1} di ${LESSONS.length}`)
          .count(),
      ).to.equal(1);
      if (i === 0) {
        // Keyboard: focus the button and press Enter.
        await markDone(page).focus();
        await page.keyboard.press('Enter');
      } else {
        await markDone(page).click();
      }
      await page.waitForURL(last ? `${base}/corsi/${SLUG}` : lessonUrl(LESSONS[i + 1]!.slug));
      await page.waitForLoadState('domcontentloaded');
      const now = await progressOn(page, last ? 'course' : 'lesson');
      expect(now, `progress after lesson ${i + 1}`).to.be.greaterThan(percent);
      expect(now).to.be.lessThan(100); // the quiz is still to pass
      percent = now;
      expect(
        await flash(page, `Lezione «${lesson.title}» completata: sei al ${now}% del corso.`).count(),
        `flash after lesson ${i + 1}`,
      ).to.equal(1);

      if (i === 0) {
        // "Precedente" back to the lesson just done (now marked), then "Successiva" with the keyboard.
        await lessonNav(page)
          .getByRole('link', { name: `Precedente: ${LESSONS[0]!.title}` })
          .click();
        await page.waitForURL(lessonUrl(LESSONS[0]!.slug));
        expect(await main(page).getByText('Completata', { exact: true }).first().isVisible()).to.equal(true);
        expect(await markDone(page).count()).to.equal(0);
        const next = lessonNav(page).getByRole('link', { name: `Successiva: ${LESSONS[1]!.title}` });
        await next.focus();
        await page.keyboard.press('Enter');
        await page.waitForURL(lessonUrl(LESSONS[1]!.slug));
      }
      if (i === LESSONS.length - 2) {
        // The last lesson leads on to the quiz instead of a next lesson.
        expect(
          await lessonNav(page)
            .getByRole('link', { name: /^Successiva/ })
            .count(),
        ).to.equal(0);
        expect(
          await lessonNav(page)
            .getByRole('link', { name: `Verifica: ${QUIZ.title}` })
            .isVisible(),
        ).to.equal(true);
      }
    }

    // After the last lesson: back on the course page, every lesson ticked, the quiz still to do.
    expect(
      await main(page)
        .getByText(`Lezioni completate ${LESSONS.length} su ${LESSONS.length} · verifiche superate 0 su 1`)
        .count(),
    ).to.equal(1);
    const syllabus = main(page).locator('section[aria-labelledby="syllabus-title"]');
    expect(await syllabus.locator('ol li .badge').filter({ hasText: 'Completata' }).count()).to.equal(LESSONS.length);
    expect(await main(page).locator('.badge', { hasText: 'Completato il' }).count()).to.equal(0);
    lessonsDone = true;
  });

  /** Answers every question of the quiz form as `answerOf` says. */
  async function answerQuiz(answerOf: (q: Question) => string[]): Promise<void> {
    for (const q of QUIZ.questions) {
      const fieldset = main(page).locator(`fieldset#domanda-${q.id}`);
      const given = answerOf(q);
      if (q.kind === 'text') {
        await fieldset.getByLabel('La tua risposta').fill(given[0]!);
        continue;
      }
      for (const id of given) {
        const label = q.kind === 'truefalse' ? TF_LABEL[id]! : q.choices!.find((c) => c.id === id)!.text;
        // bootstrap-italia draws the box on the label, over the input: a person clicks the label.
        await fieldset.getByText(label, { exact: true }).click();
        expect(await fieldset.getByLabel(label, { exact: true }).isChecked(), `${q.id}: ${id}`).to.equal(true);
      }
    }
  }

  /** The result box of an attempt review (not the flash messages, which are status alerts too). */
  const attemptOutcome = () =>
    main(page)
      .locator('.alert[role="status"]')
      .filter({ hasText: /Verifica (non )?superata/ });

  /** The review's item for a question. */
  const reviewItem = (q: Question): Locator =>
    main(page)
      .locator('ol > li')
      .filter({ has: page.getByRole('heading', { name: q.text }) });

  it('fails the quiz once with feedback from the quiz file, then passes it and completes the course', async function () {
    needs(this, { lessonsDone });
    const maxAttempts = QUIZ.maxAttempts ?? 0;
    await main(page).getByRole('link', { name: QUIZ.title, exact: true }).click();
    await page.waitForURL(`${base}/corsi/${SLUG}/verifiche/${QUIZ_SLUG}`);
    expect(await h1(page).innerText()).to.equal(QUIZ.title);
    expect(await main(page).locator('fieldset').count()).to.equal(QUIZ.questions.length);
    if (maxAttempts) expect(await main(page).getByText(`Ti restano ${maxAttempts} tentativi.`).count()).to.equal(1);
    await expectAccessible(page, 'quiz page');

    // A deliberately wrong attempt.
    await answerQuiz(wrongAnswer);
    await main(page).getByRole('button', { name: 'Consegna le risposte', exact: true }).click();
    await page.waitForURL(new RegExp(`/corsi/${SLUG}/verifiche/${QUIZ_SLUG}/tentativi/\\d+$`));
    expect(await h1(page).innerText()).to.equal('Tentativo n. 1');
    const outcome = attemptOutcome();
    expect(await outcome.innerText())
      .to.contain('Verifica non superata')
      .and.to.contain(`la soglia è ${QUIZ.passingScore}%`);
    expect(await outcome.innerText()).to.match(/Punteggio 0 su \d+ \(0%\)/);
    for (const q of QUIZ.questions) {
      const item = reviewItem(q);
      expect(await item.count(), q.id).to.equal(1);
      const text = await item.innerText();
      expect(text, q.id).to.contain('Errata');
      for (const f of feedbackFor(q, wrongAnswer(q))) expect(text, `feedback of ${q.id}`).to.contain(f);
      if (q.explanation) expect(text, `explanation of ${q.id}`).to.contain(q.explanation.trim());
      if (q.kind === 'text') expect(text).to.contain('Risposte accettate:').and.to.contain(q.expected![0]!);
      else expect(text).to.contain('Risposta corretta:');
    }
    await page.screenshot({ path: '/tmp/e2e-course-attempt-failed.png', fullPage: true });
    await expectAccessible(page, 'attempt review (failed)');

    // Back to the quiz: one attempt fewer, the failed one listed.
    await main(page).getByRole('link', { name: 'Riprova la verifica', exact: true }).click();
    await page.waitForURL(`${base}/corsi/${SLUG}/verifiche/${QUIZ_SLUG}`);
    if (maxAttempts)
      expect(
        await main(page)
          .getByText(maxAttempts - 1 === 1 ? 'Ti resta 1 tentativo.' : `Ti restano ${maxAttempts - 1} tentativi.`)
          .count(),
      ).to.equal(1);
    const attempts = main(page).locator('section[aria-labelledby="attempts-title"]');
    expect(await attempts.innerText())
      .to.contain('Tentativo n. 1')
      .and.to.contain('Non superata')
      .and.to.contain('Non ancora superata');
    await expectAccessible(page, 'quiz page with an attempt');

    // The right answers.
    await answerQuiz(rightAnswer);
    await main(page).getByRole('button', { name: 'Consegna le risposte', exact: true }).click();
    await page.waitForURL(new RegExp(`/corsi/${SLUG}/verifiche/${QUIZ_SLUG}/tentativi/\\d+$`));
    await page.waitForLoadState('domcontentloaded');
    expect(await h1(page).innerText()).to.equal('Tentativo n. 2');
    expect(await attemptOutcome().innerText()).to.contain('Verifica superata');
    expect(await flash(page, 'Complimenti: hai completato il corso!').count()).to.equal(1);
    for (const q of QUIZ.questions) expect(await reviewItem(q).innerText(), q.id).to.contain('Corretta');
    await expectAccessible(page, 'attempt review (passed)');

    // The course page: completed, 100%.
    await main(page).getByRole('link', { name: 'Vai alla pagina del corso', exact: true }).click();
    await page.waitForURL(`${base}/corsi/${SLUG}`);
    expect((await main(page).locator('.badge', { hasText: 'Completato il' }).innerText()).trim()).to.match(
      COMPLETED_ON,
    );
    expect(await progressOn(page, 'course')).to.equal(100);
    expect(
      await main(page)
        .getByText(`Lezioni completate ${LESSONS.length} su ${LESSONS.length} · verifiche superate 1 su 1`)
        .count(),
    ).to.equal(1);
    expect(
      await main(page)
        .locator('section[aria-labelledby="syllabus-title"] ul li')
        .filter({ hasText: QUIZ.title })
        .innerText(),
    ).to.contain('Superata');
    await expectAccessible(page, `/corsi/${SLUG} completed`);
    completed = true;
  });

  it('lists the course at 100% in "I miei corsi"', async function () {
    needs(this, { completed });
    await page
      .getByRole('navigation', { name: 'Menu principale' })
      .getByRole('link', { name: 'Corsi', exact: true })
      .click();
    await page.waitForURL(`${base}/corsi`);
    // The catalogue card shows the learner's progress too.
    const card = main(page)
      .locator('article.card')
      .filter({ has: page.getByRole('link', { name: COURSE.title, exact: true }) });
    expect(await progressOn(page, SLUG)).to.equal(100);
    expect(await card.locator(`progress#progress-${SLUG}`).count()).to.equal(1);

    await expectNoSeriousAxeViolations(page, '/corsi signed in');
    await main(page).getByRole('link', { name: 'I miei corsi', exact: true }).click();
    await page.waitForURL(`${base}/corsi/miei`);
    expect(await h1(page).innerText()).to.equal('I miei corsi');
    const mine = main(page).locator('article.card');
    expect(await mine.count()).to.equal(1);
    expect(await mine.getByRole('heading', { level: 2 }).innerText()).to.equal(COURSE.title);
    expect(await progressOn(page, SLUG)).to.equal(100);
    expect((await mine.locator('.badge', { hasText: 'Completato il' }).innerText()).trim()).to.match(COMPLETED_ON);
    expect(await mine.getByRole('link', { name: 'Riprendi da dove eri rimasto' }).count()).to.equal(0);
    await expectAccessible(page, '/corsi/miei');
  });

  it('puts the course in the booklet with its competences, and a credential that its public page verifies', async function () {
    needs(this, { completed });
    // Both come from subscribers of course.completed, delivered after the commit: the page may need a moment.
    const credentialLink = main(page).locator('a[href^="/credenziali/"]');
    for (let i = 0; i < 40 && !(await credentialLink.count()); i++) {
      if (i) await page.waitForTimeout(250);
      await goto(page, '/libretto');
    }
    const booklet = await main(page).innerText();
    expect(booklet).to.contain(COURSE.title).and.contain('SPI.ACC.01').and.contain('SPI.ACC.02');
    await expectAccessible(page, '/libretto');
    await credentialLink.first().click();
    await page.waitForURL(/\/credenziali\/[0-9a-f-]{36}$/);
    const verdict = await main(page).innerText();
    expect(verdict).to.contain('Credenziale valida.').and.contain(COURSE.title).and.contain('SPI.ACC.01');
    await expectAccessible(page, '/credenziali/:id');
  });

  // bootstrap-italia positions a field's label above its input: it must not cover the buttons above the form.
  it('keeps the "I miei corsi" button of the signed-in catalogue clickable (not covered by the search label)', async function () {
    needs(this, { registered });
    await goto(page, '/corsi');
    const covered = await coveredControls(page);
    expect(covered, `covered controls on /corsi signed in:\n${covered.join('\n')}`).to.deep.equal([]);
  });

  it("opens a lesson's discussion in the course's space, the same thread every time", async function () {
    needs(this, { registered, enrolled });
    const lesson = LESSONS[1]!;
    await goto(page, `/corsi/${SLUG}/lezioni/${lesson.slug}`);
    await main(page).getByRole('button', { name: 'Discuti questa lezione', exact: true }).click();
    await page.waitForURL(/\/discussioni\/\d+$/);
    const threadId = Number(/\/discussioni\/(\d+)$/.exec(page.url())![1]);
    expect(await h1(page).innerText()).to.equal(`Lezione: ${lesson.title}`);

    // The thread belongs to the course's group, named after the course, linked from the breadcrumb.
    const [row] = await ctx.database.query<{ thread_group: number; course_group: number; slug: string }>(
      `SELECT t.group_id AS thread_group, c.group_id AS course_group, g.slug
         FROM threads t, courses c JOIN groups g ON g.id = c.group_id
        WHERE t.id = $1 AND c.slug = $2`,
      [threadId, SLUG],
    );
    expect(row, 'thread and course rows').to.not.equal(undefined);
    expect(row!.thread_group).to.equal(row!.course_group);
    const crumb = page
      .getByRole('navigation', { name: 'Percorso di navigazione' })
      .getByRole('link', { name: `Corso: ${COURSE.title}`, exact: true });
    expect(await crumb.getAttribute('href')).to.equal(`/gruppi/${row!.slug}`);
    // The first post links back to the lesson.
    expect(
      await main(page).locator('article.post').first().getByRole('link', { name: lesson.title }).getAttribute('href'),
    ).to.equal(`/corsi/${SLUG}/lezioni/${lesson.slug}`);
    await expectAccessible(page, 'lesson discussion thread');

    // Asking again opens the same thread.
    await goto(page, `/corsi/${SLUG}/lezioni/${lesson.slug}`);
    await main(page).getByRole('button', { name: 'Discuti questa lezione', exact: true }).click();
    await page.waitForURL(`${base}/discussioni/${threadId}`);
  });

  describe('at the end', () => {
    it('logged no console errors, CSP violations or failed requests on any page', () => {
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });
  });
});
