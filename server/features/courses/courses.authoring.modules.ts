// Course authoring, the modules (animators): add, rename, move (their lessons move with them),
// delete when empty. Each write goes through changeCourse (courses.authoring.ts).
import * as content from '../../../models/queries/courses-content.ts';
import { courseModules, type CourseModule } from '../../../models/schema.ts';
import type { Tx } from '../../../models/db.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ConflictError, NotFoundError } from '../../core/errors.ts';
import { managedCourse } from './courses.access.ts';
import { changeCourse, freeContentSlug, moveOnePlace, renumberLessons, type Changed } from './courses.authoring.ts';
import { moduleSchema, parseForm, type Direction } from './courses.authoring.schema.ts';

async function findModule(tx: Tx, courseId: number, slug: string): Promise<CourseModule> {
  const row = await content.findModule(tx, courseId, slug);
  if (!row) throw new NotFoundError('course_authoring.errors.module_not_found');
  return row;
}

/** Adds a module at the end of the course. */
export async function addModule(deps: Deps, actor: Actor, slug: string, input: unknown): Promise<Changed<CourseModule>> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseForm(moduleSchema, input);
  return changeCourse(deps, course, async (tx) => {
    const modules = await content.courseModulesOf(tx, course.id);
    const moduleSlug = await freeContentSlug(tx, courseModules, course.id, data.title);
    return content.insertModule(tx, { courseId: course.id, slug: moduleSlug, title: data.title, summary: data.summary, position: modules.length });
  });
}

/** Renames a module (its slug, and so its links, stay). */
export async function updateModule(deps: Deps, actor: Actor, slug: string, moduleSlug: string, input: unknown): Promise<Changed<CourseModule>> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseForm(moduleSchema, input);
  return changeCourse(deps, course, async (tx) => content.updateModule(tx, (await findModule(tx, course.id, moduleSlug)).id, data));
}

/** Moves a module one place up or down; its lessons move with it. */
export async function moveModule(deps: Deps, actor: Actor, slug: string, moduleSlug: string, direction: Direction): Promise<Changed<void>> {
  const { course } = await managedCourse(deps, actor, slug);
  return changeCourse(deps, course, async (tx) => {
    const modules = await content.courseModulesOf(tx, course.id);
    const from = modules.findIndex((m) => m.slug === moduleSlug);
    if (from < 0) throw new NotFoundError('course_authoring.errors.module_not_found');
    const moved = moveOnePlace(modules, from, direction);
    if (!moved) return;
    await content.writePositions(tx, courseModules, moved);
    await renumberLessons(tx, course.id);
  });
}

/** Deletes a module that holds no lesson. */
export async function deleteModule(deps: Deps, actor: Actor, slug: string, moduleSlug: string): Promise<Changed<CourseModule>> {
  const { course } = await managedCourse(deps, actor, slug);
  return changeCourse(deps, course, async (tx) => {
    const module = await findModule(tx, course.id, moduleSlug);
    if ((await content.countModuleLessons(tx, module.id)) > 0) throw new ConflictError('course_authoring.errors.module_not_empty');
    await content.deleteModule(tx, module.id);
    await content.writePositions(tx, courseModules, await content.courseModulesOf(tx, course.id));
    return module;
  });
}
