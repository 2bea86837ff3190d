// Learning, the lessons: a lesson page (which moves the learner's bookmark), "done", and the
// lesson's discussion in the course's space.
import * as content from '../../../models/queries/courses-content.ts';
import * as learning from '../../../models/queries/courses-learning.ts';
import { findGroupById } from '../../../models/queries/groups.ts';
import { findThread } from '../../../models/queries/threads.ts';
import type { CourseLesson } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../core/errors.ts';
import { translator } from '../../core/i18n.ts';
import { createThread } from '../discussions/discussions.service.ts';
import { ensureGroupMember } from '../groups/groups.service.ts';
import { accessBySlug, learnerCourse } from './courses.access.ts';
import { progressFrom, settleCompletion, type CompletionOutcome } from './courses.progress.ts';
import { courseStatement, recordStatement } from './courses.xapi.ts';

/** A lesson page: the lesson, its neighbours, the outline; studying it moves the learner's bookmark. */
export async function lessonPage(deps: Deps, actor: Actor, slug: string, lessonSlug: string) {
  const access = await accessBySlug(deps, actor, slug);
  if (!access.can.study) {
    if (!actor) throw new UnauthorizedError('courses.errors.sign_in_to_study');
    throw new ForbiddenError(access.enrolment?.status === 'pending' ? 'courses.errors.pending' : 'courses.errors.enrol_to_study');
  }
  const db = deps.database.db;
  const { course } = access;
  const learner = access.can.learn ? actor!.id : null;
  // The lesson, the outline, the quizzes and the learner's progress: one statement.
  const found = await learning.lessonPageContent(db, course.id, lessonSlug, learner);
  if (!found) throw new NotFoundError('courses.errors.lesson_not_found');
  const { lesson, quizzes } = found;
  const structure = {
    lessons: found.lessons,
    modules: found.modules.map((m) => ({ ...m, lessons: found.lessons.filter((l) => l.moduleId === m.id) })),
  };
  const index = structure.lessons.findIndex((l) => l.id === lesson.id);
  if (learner) await learning.setLastLesson(db, course.id, learner, lesson.id);
  const progress = found.facts ? progressFrom(course, found.facts, access.enrolment) : null;
  return {
    ...access,
    ...structure,
    lesson,
    module: structure.modules.find((m) => m.id === lesson.moduleId)!,
    done: structure.lessons[index]?.done ?? false,
    index,
    previous: structure.lessons[index - 1] ?? null,
    next: structure.lessons[index + 1] ?? null,
    quizzes,
    progress,
  };
}

/** Marks a lesson done (once: doing it again changes nothing) and settles the course's completion. */
export async function completeLesson(
  deps: Deps,
  actor: Actor,
  slug: string,
  lessonSlug: string,
): Promise<CompletionOutcome & { lesson: CourseLesson; newlyDone: boolean; next: string | null }> {
  const { course, actor: user } = await learnerCourse(deps, actor, slug);
  const lesson = await content.findLesson(deps.database.db, course.id, lessonSlug);
  if (!lesson) throw new NotFoundError('courses.errors.lesson_not_found');
  const outcome = await deps.database.db.transaction(async (tx) => {
    await learning.findEnrolment(tx, course.id, user.id, { lock: true });
    const row = await learning.insertLessonCompletion(tx, lesson.id, user.id);
    if (row) {
      const object = { type: 'lesson', path: `/corsi/${course.slug}/lezioni/${lesson.slug}`, title: lesson.title } as const;
      await recordStatement(tx, { ...courseStatement(deps, course, user, 'completed', object, { completion: true }), timestamp: row.completedAt });
    }
    await learning.setLastLesson(tx, course.id, user.id, lesson.id);
    return { ...(await settleCompletion(tx, deps, course, user)), newlyDone: Boolean(row) };
  });
  const lessons = await content.lessonOutline(deps.database.db, course.id);
  const next = lessons[lessons.findIndex((l) => l.id === lesson.id) + 1]?.slug ?? null;
  return { ...outcome, lesson, next };
}

/**
 * "Discuti questa lezione": the lesson's thread in the course's discussion space, started by the
 * first learner who asks for it.
 */
export async function lessonDiscussion(deps: Deps, actor: Actor, slug: string, lessonSlug: string): Promise<{ threadId: number; created: boolean }> {
  if (!actor) throw new UnauthorizedError();
  const access = await accessBySlug(deps, actor, slug);
  const { course } = access;
  const db = deps.database.db;
  const lesson = await content.findLesson(db, course.id, lessonSlug);
  if (!lesson) throw new NotFoundError('courses.errors.lesson_not_found');
  const mayDiscuss = access.can.learn || access.can.manage;
  if (lesson.threadId) {
    const thread = await findThread(db, lesson.threadId);
    if (thread && !thread.deletedAt && thread.groupId === course.groupId && mayDiscuss) return { threadId: thread.id, created: false };
  }
  if (!mayDiscuss) throw new ForbiddenError('courses.errors.enrol_to_discuss');
  const group = course.groupId ? await findGroupById(db, course.groupId) : undefined;
  if (!group) throw new NotFoundError();
  if (access.can.manage) await db.transaction((tx) => ensureGroupMember(tx, group.id, actor.id, 'moderator'));
  const t = translator(actor.locale === 'en' ? 'en' : 'it');
  const post = {
    title: t('courses.discuss.thread_title', { title: lesson.title }).slice(0, 200),
    body: t('courses.discuss.thread_body', { title: lesson.title, url: `/corsi/${course.slug}/lezioni/${lesson.slug}` }),
  };
  try {
    const { thread } = await createThread(deps, actor, group.slug, post, {
      // One thread per lesson: the lesson row stays locked until the new thread is recorded on it,
      // and a learner who asked at the same moment gets that thread instead of starting a second.
      before: async (tx) => {
        const threadId = await content.lockLessonThread(tx, lesson.id);
        if (threadId && threadId !== lesson.threadId) throw new LessonThreadStarted(threadId);
      },
      after: (tx, thread) => content.setLessonThread(tx, lesson.id, thread.id),
    });
    return { threadId: thread.id, created: true };
  } catch (err) {
    if (err instanceof LessonThreadStarted) return { threadId: err.threadId, created: false };
    throw err;
  }
}

/** Someone else started the lesson's thread while this request was on its way. */
class LessonThreadStarted extends Error {
  readonly threadId: number;
  constructor(threadId: number) {
    super('lesson thread already started');
    this.threadId = threadId;
  }
}
