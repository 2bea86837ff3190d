// The router table for course authoring in the browser (animators): /corsi/nuovo,
// /corsi/:slug/modifica and its subpages, and the Markdown preview. Every page works without
// script. The handlers are in courses.authoring.course.routes.ts (the course, its settings and
// status), courses.authoring.structure.routes.ts (the structure page, modules, new lessons and
// quizzes), courses.authoring.lessons.routes.ts and courses.authoring.quizzes.routes.ts (quizzes
// and their questions).
import { Router } from 'express';
import { requireAuth, requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { courseAuthoringHandlers } from './courses.authoring.course.routes.ts';
import { lessonHandlers } from './courses.authoring.lessons.routes.ts';
import { quizHandlers } from './courses.authoring.quizzes.routes.ts';
import { structureHandlers } from './courses.authoring.structure.routes.ts';

export function courseAuthoringRoutes(deps: Deps): Router {
  const router = Router();
  const course = courseAuthoringHandlers(deps);
  const structure = structureHandlers(deps);
  const lesson = lessonHandlers(deps);
  const quiz = quizHandlers(deps);

  // The course: new, settings, publishing and back to draft.
  router.get('/corsi/nuovo', requireLogin, course.newCoursePage);
  router.post('/corsi', requireLogin, course.createCourse);
  router.post('/corsi/anteprima', requireAuth, course.preview);
  router.get('/corsi/:slug/modifica', requireLogin, course.settingsPage);
  router.post('/corsi/:slug/modifica', requireLogin, course.saveSettings);
  router.post('/corsi/:slug/modifica/pubblica', requireLogin, course.publish);
  router.post('/corsi/:slug/modifica/bozza', requireLogin, course.unpublish);

  // Structure: modules, new lessons.
  router.get('/corsi/:slug/modifica/struttura', requireLogin, structure.structurePage);
  router.post('/corsi/:slug/modifica/moduli', requireLogin, structure.addModule);
  router.post('/corsi/:slug/modifica/moduli/:module', requireLogin, structure.renameModule);
  router.post('/corsi/:slug/modifica/moduli/:module/sposta', requireLogin, structure.moveModule);
  router.post('/corsi/:slug/modifica/moduli/:module/elimina', requireLogin, structure.deleteModule);
  router.post('/corsi/:slug/modifica/lezioni', requireLogin, structure.addLesson);

  // Lessons.
  router.get('/corsi/:slug/modifica/lezioni/:lesson', requireLogin, lesson.lessonPage);
  router.post('/corsi/:slug/modifica/lezioni/:lesson', requireLogin, lesson.saveLesson);
  router.post('/corsi/:slug/modifica/lezioni/:lesson/sposta', requireLogin, lesson.moveLesson);
  router.post('/corsi/:slug/modifica/lezioni/:lesson/elimina', requireLogin, lesson.deleteLesson);

  // Quizzes.
  router.post('/corsi/:slug/modifica/verifiche', requireLogin, structure.addQuiz);
  router.get('/corsi/:slug/modifica/verifiche/:quiz', requireLogin, quiz.quizPage);
  router.post('/corsi/:slug/modifica/verifiche/:quiz', requireLogin, quiz.saveQuiz);
  router.post('/corsi/:slug/modifica/verifiche/:quiz/sposta', requireLogin, quiz.moveQuiz);
  router.post('/corsi/:slug/modifica/verifiche/:quiz/elimina', requireLogin, quiz.deleteQuiz);

  // Questions.
  router.get('/corsi/:slug/modifica/verifiche/:quiz/nuova-domanda', requireLogin, quiz.newQuestionPage);
  router.get('/corsi/:slug/modifica/verifiche/:quiz/domande/:question', requireLogin, quiz.questionPage);
  router.post('/corsi/:slug/modifica/verifiche/:quiz/domande', requireLogin, quiz.addQuestion);
  router.post('/corsi/:slug/modifica/verifiche/:quiz/domande/:question', requireLogin, quiz.saveQuestion);
  router.post('/corsi/:slug/modifica/verifiche/:quiz/domande/:question/sposta', requireLogin, quiz.moveQuestion);
  router.post('/corsi/:slug/modifica/verifiche/:quiz/domande/:question/elimina', requireLogin, quiz.deleteQuestion);

  return router;
}
