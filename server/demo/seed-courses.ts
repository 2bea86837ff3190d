// Demo learning activity on the imported courses: in-person and online sessions in the coming
// weeks (and one already held, with attendance), demo members enrolled at different points of
// their courses, a completed course, requests waiting for approval. Everything goes through the
// courses' own services, so progress, learning records and the feed are what real use produces.
import { eq } from 'drizzle-orm';
import * as q from '../../models/queries/courses.ts';
import { lessonOutline, quizzesOf } from '../../models/queries/courses-content.ts';
import { courseSessions, users, type QuizQuestion } from '../../models/schema.ts';
import type { Deps } from '../core/deps.ts';
import { italianDay } from '../core/time.ts';
import { toSessionUser } from '../features/accounts/accounts.service.ts';
import { approveEnrolment, enrol } from '../features/courses/courses.enrolment.ts';
import { completeLesson } from '../features/courses/courses.lessons.ts';
import { submitAttempt } from '../features/courses/courses.quizzes.ts';
import { createSession, markAttendance, registerForSession } from '../features/courses/courses.sessions.ts';

const DAY = 86_400_000;

/** A day from today at an Italian wall-clock time, as a session form takes it ("2027-03-15T09:30"). */
function at(days: number, hour: number, minute = 0): string {
  return `${italianDay(new Date(Date.now() + days * DAY))}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The answers that pass a quiz, or (wrong = true) an attempt with slips in its first half. */
function answersFor(questions: QuizQuestion[], wrong = false): Record<string, string | string[]> {
  return Object.fromEntries(
    questions.map((qn, i) => {
      const slip = wrong && i < Math.ceil(questions.length / 2);
      if (qn.kind === 'text') return [qn.id, slip ? 'non ricordo' : qn.expected[0]!];
      if (qn.kind === 'multiple') return [qn.id, slip ? qn.answer.slice(0, 1) : qn.answer];
      const other = qn.choices.find((c) => !qn.answer.includes(c.id))?.id ?? qn.answer[0]!;
      return [qn.id, slip ? other : qn.answer[0]!];
    }),
  );
}

type Plan = {
  course: string;
  learners: { handle: string; lessons: number | 'all'; quiz?: 'pass' | 'fail' | 'fail-then-pass' }[];
};

const PLANS: Plan[] = [
  {
    course: 'accoglienza-profilazione-cpi',
    learners: [
      { handle: 'laura.mannucci', lessons: 'all', quiz: 'fail-then-pass' },
      { handle: 'francesco.romeo', lessons: 5 },
      { handle: 'maria.grazia.scalise', lessons: 3 },
      { handle: 'rosa.pugliese', lessons: 'all', quiz: 'fail' },
      { handle: 'domenico.fiumara', lessons: 1 },
      { handle: 'teresa.gallo', lessons: 0 },
    ],
  },
  {
    course: 'invecchiamento-attivo-over-40',
    learners: [
      { handle: 'angela.lorusso', lessons: 'all', quiz: 'pass' },
      { handle: 'vito.santarsiero', lessons: 4 },
      { handle: 'silvia.nardini', lessons: 2 },
      { handle: 'laura.mannucci', lessons: 1 },
    ],
  },
  {
    course: 'libretto-formativo-competenze',
    learners: [
      { handle: 'elena.bartolini', lessons: 'all', quiz: 'pass' },
      { handle: 'giovanni.perri', lessons: 3 },
      { handle: 'caterina.arena', lessons: 2 },
    ],
  },
  {
    // Enrolment with approval: one learner approved, two requests waiting.
    course: 'analisi-mercato-lavoro-osservatori',
    learners: [{ handle: 'gennaro.iannaccone', lessons: 3 }],
  },
];

export async function seedCourseDemo(deps: Deps): Promise<{ enrolments: number; sessions: number }> {
  const db = deps.database.db;
  const people = await db.select().from(users);
  const byHandle = new Map(people.map((u) => [u.handle, u]));
  const admin = people.find((u) => u.role === 'admin');
  let enrolments = 0;
  let sessions = 0;
  // Once: a database that already has sessions has its own learning history.
  const [existing] = await db
    .select({ id: courseSessions.id })
    .from(courseSessions)
    .where(eq(courseSessions.kind, 'course_session'))
    .limit(1);
  if (!admin || existing) return { enrolments, sessions };

  for (const plan of PLANS) {
    const course = await q.findCourseBySlug(db, plan.course);
    if (!course) continue;
    const lessons = await lessonOutline(db, course.id);
    const quizzes = await quizzesOf(db, course.id);
    const animator = toSessionUser(admin);
    for (const l of plan.learners) {
      const user = byHandle.get(l.handle);
      if (!user) continue;
      const actor = toSessionUser(user);
      const { status } = await enrol(deps, actor, course.slug);
      if (status === 'pending') await approveEnrolment(deps, animator, course.slug, user.id);
      enrolments++;
      const count = l.lessons === 'all' ? lessons.length : l.lessons;
      for (const lesson of lessons.slice(0, count)) await completeLesson(deps, actor, course.slug, lesson.slug);
      for (const quiz of quizzes) {
        if (l.quiz === 'fail' || l.quiz === 'fail-then-pass')
          await submitAttempt(deps, actor, course.slug, quiz.slug, { answers: answersFor(quiz.questions, true) });
        if (l.quiz === 'pass' || l.quiz === 'fail-then-pass')
          await submitAttempt(deps, actor, course.slug, quiz.slug, { answers: answersFor(quiz.questions) });
      }
    }
  }
  for (const handle of ['nicola.colavita', 'claudia.russo']) {
    const user = byHandle.get(handle);
    if (!user || !(await q.findCourseBySlug(db, 'analisi-mercato-lavoro-osservatori'))) continue;
    await enrol(deps, toSessionUser(user), 'analisi-mercato-lavoro-osservatori');
    enrolments++;
  }

  // Sessions: the blended part of the courses.
  const staff = toSessionUser(admin);
  const plannedSessions: { course: string; input: Record<string, unknown>; register?: string[] }[] = [
    {
      course: 'invecchiamento-attivo-over-40',
      input: {
        title: "Laboratorio: l'age management con le imprese del territorio",
        mode: 'presence',
        place: 'Regione Toscana, Palazzo Strozzi Sacrati, Piazza del Duomo 10, Firenze',
        seats: 25,
        startsAt: at(10, 9, 30),
        endsAt: at(10, 13, 30),
        description:
          'Lavoro in piccoli gruppi sul questionario di autovalutazione per le imprese e sulla Palestra Lavoro per gli over 40.',
      },
      register: ['angela.lorusso', 'vito.santarsiero', 'silvia.nardini'],
    },
    {
      course: 'invecchiamento-attivo-over-40',
      input: {
        title: 'Webinar: il bilancio di competenze con i lavoratori maturi',
        mode: 'online',
        url: 'https://meet.example.org/retespi-bilancio-competenze',
        seats: 60,
        startsAt: at(17, 15),
        endsAt: at(17, 16, 30),
        description: 'Casi dai Centri per l’Impiego e domande dei partecipanti.',
      },
      register: ['laura.mannucci'],
    },
    {
      course: 'accoglienza-profilazione-cpi',
      input: {
        title: 'Incontro in presenza: il colloquio di accoglienza, simulazioni',
        mode: 'presence',
        place: "Centro per l'Impiego di Vibo Valentia, sala formazione",
        seats: 3,
        startsAt: at(24, 10),
        endsAt: at(24, 13),
        description:
          'Simulazioni di colloquio e di costruzione del patto di servizio, con gli operatori del CPI di Firenze (gemellaggio Tos.Ca.).',
      },
      register: ['francesco.romeo', 'maria.grazia.scalise', 'domenico.fiumara', 'teresa.gallo'],
    },
    {
      course: 'libretto-formativo-competenze',
      input: {
        title: 'Webinar: compilare il Libretto formativo con la persona',
        mode: 'online',
        url: 'https://meet.example.org/retespi-libretto',
        seats: 80,
        startsAt: at(31, 11),
        endsAt: at(31, 12, 30),
      },
      register: ['giovanni.perri', 'caterina.arena'],
    },
  ];
  for (const s of plannedSessions) {
    if (!(await q.findCourseBySlug(db, s.course))) continue;
    const session = await createSession(deps, staff, s.course, s.input);
    sessions++;
    for (const handle of s.register ?? []) {
      const user = byHandle.get(handle);
      if (user) await registerForSession(deps, toSessionUser(user), s.course, session.id);
    }
  }

  // A session already held, with its attendance: it completes the over-40 course for those who did the rest.
  if (await q.findCourseBySlug(db, 'invecchiamento-attivo-over-40')) {
    const held = await createSession(deps, staff, 'invecchiamento-attivo-over-40', {
      title: 'Incontro di avvio: invecchiamento attivo nei servizi per il lavoro',
      mode: 'presence',
      place: 'Formez PA, Viale Marx 15, Roma',
      seats: 30,
      startsAt: at(3, 10),
      endsAt: at(3, 13),
    });
    sessions++;
    const present = ['angela.lorusso', 'vito.santarsiero'].map((h) => byHandle.get(h)).filter((u) => u !== undefined);
    for (const u of present) await registerForSession(deps, toSessionUser(u), 'invecchiamento-attivo-over-40', held.id);
    await db
      .update(courseSessions)
      .set({ startsAt: new Date(Date.now() - 12 * DAY), endsAt: new Date(Date.now() - 12 * DAY + 3 * 3_600_000) })
      .where(eq(courseSessions.id, held.id));
    await markAttendance(deps, staff, 'invecchiamento-attivo-over-40', held.id, {
      attended: present.map((u) => String(u.id)),
    });
  }
  return { enrolments, sessions };
}
