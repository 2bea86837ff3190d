// Course authoring's handlers for a quiz and its questions: the quiz's editor, saving, moving and
// deleting it; the question editor (new or existing), saving, moving and deleting a question.
// Listed in courses.authoring.routes.ts.
import type { Request, Response } from 'express';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/errors.ts';
import { button, editUrl, failed, frame, saved } from './courses.authoring.pages.ts';
import * as questions from './courses.authoring.questions.ts';
import * as quizzes from './courses.authoring.quizzes.ts';
import { parseDirection, postedQuestionForm, questionToForm } from './courses.authoring.schema.ts';
import { QUESTION_KIND_CHOICES, questionList, quizForm } from './courses.authoring.view.ts';
import { actorOf, param, slugOf } from './courses.http.ts';

const quizOf = (req: Request) => param(req, 'quiz');
const questionOf = (req: Request) => param(req, 'question');

/** The quiz's editor; `stored` fills the form from the quiz rather than from what was posted. */
async function renderQuiz(deps: Deps, req: Request, res: Response, opts: { status?: number; err?: AppError; stored?: boolean } = {}) {
  const { course, quiz } = await quizzes.quizEditor(deps, actorOf(req), slugOf(req), quizOf(req));
  if (opts.stored) req.body = quizForm(quiz);
  res.status(opts.status ?? 200).render('courses/authoring/quiz', {
    ...frame(req, course, 'structure', quiz.title),
    quiz,
    questions: questionList(quiz),
    action: editUrl(course.slug, `/verifiche/${quiz.slug}`),
    ...failed(req, opts.err),
  });
}

type QuestionPage = { questionId: string | null; status?: number; err?: AppError; posted?: boolean };

/** The question's editor (questionId null: a new question); `posted` keeps what was posted in the form. */
async function renderQuestion(deps: Deps, req: Request, res: Response, opts: QuestionPage) {
  const { course, quiz, question } = await questions.questionEditor(deps, actorOf(req), slugOf(req), quizOf(req), opts.questionId);
  const base = editUrl(course.slug, `/verifiche/${quiz.slug}`);
  res.status(opts.status ?? 200).render('courses/authoring/question', {
    ...frame(req, course, 'structure', req.t(question ? 'course_authoring.question.edit_title' : 'course_authoring.question.new_title')),
    quiz,
    question,
    quizUrl: base,
    action: question ? `${base}/domande/${question.id}` : `${base}/domande`,
    kinds: QUESTION_KIND_CHOICES,
    ...failed(req, opts.err),
    values: opts.posted ? postedQuestionForm(req.body ?? {}) : questionToForm(question),
  });
}

export const quizHandlers = (deps: Deps) => {
  /** Saves a new question (idOf gives null) or an existing one; a failed form comes back with its errors. */
  const saveQuestion = (idOf: (req: Request) => string | null) => async (req: Request, res: Response) => {
    const questionId = idOf(req);
    try {
      const out = await questions.saveQuestion(deps, actorOf(req), slugOf(req), quizOf(req), questionId, req.body);
      saved(req, 'course_authoring.flash.question_saved', out);
      res.redirect(303, editUrl(out.course.slug, `/verifiche/${quizOf(req)}#question-${out.value.id}`));
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return renderQuestion(deps, req, res, { questionId, status: 400, err, posted: true });
      throw err;
    }
  };

  return {
    quizPage: (req: Request, res: Response) => renderQuiz(deps, req, res, { stored: true }),

    async saveQuiz(req: Request, res: Response) {
      try {
        const out = await quizzes.updateQuiz(deps, actorOf(req), slugOf(req), quizOf(req), req.body);
        saved(req, 'course_authoring.flash.quiz_saved', out);
        res.redirect(303, editUrl(out.course.slug, `/verifiche/${out.value.slug}`));
      } catch (err) {
        if (err instanceof AppError && err.status === 400) return renderQuiz(deps, req, res, { status: 400, err });
        throw err;
      }
    },

    moveQuiz: (req: Request, res: Response) =>
      button(req, res, editUrl(slugOf(req), `/struttura#quiz-${quizOf(req)}`), 'course_authoring.flash.moved', () =>
        quizzes.moveQuiz(deps, actorOf(req), slugOf(req), quizOf(req), parseDirection(req.body)),
      ),

    deleteQuiz: (req: Request, res: Response) =>
      button(req, res, editUrl(slugOf(req), '/struttura'), 'course_authoring.flash.quiz_deleted', () => quizzes.deleteQuiz(deps, actorOf(req), slugOf(req), quizOf(req))),

    newQuestionPage: (req: Request, res: Response) => renderQuestion(deps, req, res, { questionId: null }),
    questionPage: (req: Request, res: Response) => renderQuestion(deps, req, res, { questionId: questionOf(req) }),
    addQuestion: saveQuestion(() => null),
    saveQuestion: saveQuestion(questionOf),

    moveQuestion: (req: Request, res: Response) =>
      button(req, res, editUrl(slugOf(req), `/verifiche/${quizOf(req)}#question-${questionOf(req)}`), 'course_authoring.flash.moved', () =>
        questions.moveQuestion(deps, actorOf(req), slugOf(req), quizOf(req), questionOf(req), parseDirection(req.body)),
      ),

    deleteQuestion: (req: Request, res: Response) =>
      button(req, res, editUrl(slugOf(req), `/verifiche/${quizOf(req)}`), 'course_authoring.flash.question_deleted', () =>
        questions.deleteQuestion(deps, actorOf(req), slugOf(req), quizOf(req), questionOf(req)),
      ),
  };
};
