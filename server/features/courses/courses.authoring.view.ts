// The course editor's pages as they present a course: stored content as its forms hold it, the
// structure page's lists with their move buttons, and the choices each form offers.
import { COURSE_ENROLMENTS, COURSE_LEVELS, LESSON_KINDS, QUESTION_KINDS, type Course, type CourseLesson, type CourseModule, type CourseQuiz, type QuizQuestion } from '../../../models/schema.ts';
import type { courseEditor } from './courses.authoring.course.ts';

export const SETTINGS_CHOICES = { levels: COURSE_LEVELS, enrolments: COURSE_ENROLMENTS, languages: ['it', 'en'] };
export const LESSON_KIND_CHOICES = LESSON_KINDS;
export const QUESTION_KIND_CHOICES = QUESTION_KINDS;

/** What the new course form starts with. */
export const NEW_COURSE_FORM = { level: 'base', enrolment: 'open', language: 'it', hours: '1', completionLessons: 'on', completionQuizzes: 'on', attendance: '0' };

/** A course's settings as the form holds them. */
export const settingsForm = (course: Course) => ({
  title: course.title,
  summary: course.summary,
  description: course.description,
  audience: course.audience,
  theme: course.theme,
  hours: String(course.hours),
  level: course.level,
  language: course.language,
  enrolment: course.enrolment,
  licence: course.licence,
  competences: course.competences.map((c) => `${c.code} – ${c.title}`).join('\n'),
  completionLessons: course.completion.lessons ? 'on' : '',
  completionQuizzes: course.completion.quizzes ? 'on' : '',
  attendance: String(course.completion.attendance),
});

/** A lesson as its form holds it. */
export const lessonForm = (lesson: CourseLesson, modules: CourseModule[]) => ({
  title: lesson.title,
  module: modules.find((m) => m.id === lesson.moduleId)?.slug,
  minutes: String(lesson.minutes),
  kind: lesson.kind,
  video: lesson.videoUrl ?? '',
  body: lesson.body,
});

/** A quiz's settings as its form holds them. */
export const quizForm = (quiz: CourseQuiz) => ({
  title: quiz.title,
  description: quiz.description,
  passingScore: String(quiz.passingScore),
  maxAttempts: quiz.maxAttempts === null ? '' : String(quiz.maxAttempts),
});

const questionSummary = (qn: QuizQuestion) => ({ ...qn, choiceCount: qn.kind === 'single' || qn.kind === 'multiple' ? qn.choices.length : 0 });

/** A quiz's questions in order, each with its move buttons. */
export const questionList = (quiz: CourseQuiz) =>
  quiz.questions.map((qn, i) => ({ ...questionSummary(qn), number: i + 1, first: i === 0, last: i === quiz.questions.length - 1 }));

type FormState = { values: Record<string, unknown>; errors: Record<string, string>; hasErrors: boolean };

/** The structure page's modules (with their lessons) and quizzes, each with its move buttons and its own forms' state. */
export function structureView(editor: Awaited<ReturnType<typeof courseEditor>>, state: (form: string) => FormState) {
  const { modules, lessons, quizzes } = editor;
  return {
    modules: modules.map((m, i) => ({
      ...m,
      number: i + 1,
      first: i === 0,
      last: i === modules.length - 1,
      lessons: lessons.map((l, j) => ({ ...l, number: j + 1, first: j === 0, last: j === lessons.length - 1 })).filter((l) => l.moduleId === m.id),
      rename: state(`module:${m.slug}`),
      newLesson: state(`lesson:${m.slug}`),
    })),
    quizzes: quizzes.map((z, i) => ({ ...z, questionCount: z.questions.length, first: i === 0, last: i === quizzes.length - 1 })),
    newModule: state('module'),
    newQuiz: state('quiz'),
  };
}

/** Where the first field of a failed structure form is (its error summary links there). */
export function structureFieldPrefix(form: string): string {
  if (form.startsWith('module:')) return `f-m-${form.slice(7)}-`;
  if (form.startsWith('lesson:')) return `f-l-${form.slice(7)}-`;
  return form === 'quiz' ? 'f-quiz-' : 'f-module-';
}
