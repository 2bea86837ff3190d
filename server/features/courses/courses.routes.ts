// The router table for courses as learners and the animators who run them use them: the catalogue
// (/corsi), course pages, enrolment, lessons and quizzes, sessions, the animator's report and
// exports, and /api/v1/courses. The handlers are in courses.catalogue.routes.ts,
// courses.learning.routes.ts, courses.sessions.routes.ts and courses.report.routes.ts; authoring is
// in courses.authoring.routes.ts.
import { Router } from 'express';
import { requireAuth, requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { catalogueHandlers } from './courses.catalogue.routes.ts';
import { skipReservedSlugs } from './courses.http.ts';
import { learningHandlers } from './courses.learning.routes.ts';
import { reportHandlers } from './courses.report.routes.ts';
import { sessionHandlers } from './courses.sessions.routes.ts';

export function courseRoutes(deps: Deps): Router {
  const router = Router();
  const catalogue = catalogueHandlers(deps);
  const learning = learningHandlers(deps);
  const sessions = sessionHandlers(deps);
  const report = reportHandlers(deps);
  router.param('slug', skipReservedSlugs);

  // Catalogue, course pages, enrolment.
  router.get('/corsi', catalogue.cataloguePage);
  router.get('/corsi/miei', requireLogin, catalogue.myCoursesPage);
  router.get('/corsi/:slug', catalogue.coursePage);
  router.get('/corsi/:slug/file/*path', catalogue.courseFile);
  router.post('/corsi/:slug/iscrizione', requireLogin, catalogue.enrol);
  router.post('/corsi/:slug/iscrizione/ritira', requireLogin, catalogue.withdraw);

  // Lessons and quizzes.
  router.get('/corsi/:slug/lezioni/:lesson', learning.lessonPage);
  router.post('/corsi/:slug/lezioni/:lesson/completa', requireLogin, learning.completeLesson);
  router.post('/corsi/:slug/lezioni/:lesson/discussione', requireLogin, learning.discussLesson);
  router.get('/corsi/:slug/verifiche/:quiz', learning.quizPage);
  router.post('/corsi/:slug/verifiche/:quiz', requireLogin, learning.submitAttempt);
  router.get('/corsi/:slug/verifiche/:quiz/tentativi/:id', requireLogin, learning.attemptPage);
  router.get('/api/v1/courses/:slug/lessons/:lesson', learning.apiLesson);
  router.post('/api/v1/courses/:slug/lessons/:lesson/complete', requireAuth, learning.apiCompleteLesson);
  router.get('/api/v1/courses/:slug/quizzes/:quiz', learning.apiQuiz);
  router.post('/api/v1/courses/:slug/quizzes/:quiz/attempts', requireAuth, learning.apiSubmitAttempt);
  router.get('/api/v1/courses/:slug/progress', requireAuth, learning.apiProgress);

  // Sessions, for learners.
  router.post('/corsi/:slug/sessioni/:id/iscrizione', requireLogin, sessions.register);
  router.post('/corsi/:slug/sessioni/:id/annulla', requireLogin, sessions.unregister);
  router.get('/corsi/:slug/sessioni.ics', sessions.calendarFile);

  // Running a course: report, approvals, sessions, exports.
  router.get('/corsi/:slug/gestione', requireLogin, report.managePage);
  router.get('/corsi/:slug/gestione/iscritti.csv', requireLogin, report.learnersCsv);
  router.get('/corsi/:slug/xapi.json', requireLogin, report.xapiFile);
  router.post('/corsi/:slug/gestione/iscrizioni/:userId/:decision', requireLogin, report.decideEnrolment);
  router.post('/corsi/:slug/sessioni', requireLogin, sessions.create);
  router.get('/corsi/:slug/sessioni/:id', requireLogin, sessions.sessionPage);
  router.post('/corsi/:slug/sessioni/:id/modifica', requireLogin, sessions.update);
  router.post('/corsi/:slug/sessioni/:id/presenze', requireLogin, sessions.attendance);
  router.post('/corsi/:slug/sessioni/:id/cancella', requireLogin, sessions.cancel);

  // JSON API.
  router.get('/api/v1/courses', catalogue.apiList);
  router.get('/api/v1/courses/:slug', catalogue.apiShow);
  router.post('/api/v1/courses/:slug/enroll', requireAuth, catalogue.apiEnrol);
  router.get('/api/v1/courses/:slug/statements', requireAuth, report.apiStatements);
  router.post('/api/v1/courses/:slug/sessions/:id/register', requireAuth, sessions.apiRegister);
  router.delete('/api/v1/courses/:slug/sessions/:id/register', requireAuth, sessions.apiUnregister);

  return router;
}
