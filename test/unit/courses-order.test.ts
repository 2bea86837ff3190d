import { expect } from 'chai';
import { lessonMoved } from '../../server/features/courses/courses.authoring.lessons.ts';
import { moveOnePlace } from '../../server/features/courses/courses.authoring.ts';
import type { LessonGroup } from '../../server/features/courses/courses.authoring.ts';

/** Modules as [slug, lesson ids]: the shape lessonGroups gives, positions as stored. */
const groups = (...modules: [string, number[]][]): LessonGroup[] => {
  let position = 0;
  return modules.map(([slug, ids], m) => ({
    moduleId: m + 1,
    slug,
    lessons: ids.map((id) => ({ id, moduleId: m + 1, position: position++ })),
  }));
};
const shape = (gs: LessonGroup[] | null) => gs && gs.map((g) => [g.slug, g.lessons.map((l) => l.id)]);

describe('course authoring order', () => {
  it('moves an item one place, and leaves the list alone at its edges', () => {
    expect(moveOnePlace(['a', 'b', 'c'], 1, 'up')).to.deep.equal(['b', 'a', 'c']);
    expect(moveOnePlace(['a', 'b', 'c'], 1, 'down')).to.deep.equal(['a', 'c', 'b']);
    expect(moveOnePlace(['a', 'b', 'c'], 0, 'up')).to.equal(null);
    expect(moveOnePlace(['a', 'b', 'c'], 2, 'down')).to.equal(null);
    expect(moveOnePlace(['a', 'b', 'c'], -1, 'down'), 'an item not in the list').to.equal(null);
    const list = ['a', 'b'];
    moveOnePlace(list, 0, 'down');
    expect(list, 'the list given is not changed').to.deep.equal(['a', 'b']);
  });

  it('moves a lesson within its module, and past its module’s edge into the next or previous one', () => {
    const course = groups(['uno', [1, 2]], ['due', [3]], ['tre', []]);
    expect(shape(lessonMoved(course, 2, 'up'))).to.deep.equal([
      ['uno', [2, 1]],
      ['due', [3]],
      ['tre', []],
    ]);
    expect(shape(lessonMoved(course, 2, 'down')), 'first of the next module').to.deep.equal([
      ['uno', [1]],
      ['due', [2, 3]],
      ['tre', []],
    ]);
    expect(shape(lessonMoved(course, 3, 'up')), 'last of the previous module').to.deep.equal([
      ['uno', [1, 2, 3]],
      ['due', []],
      ['tre', []],
    ]);
    expect(shape(lessonMoved(course, 3, 'down')), 'into an empty module').to.deep.equal([
      ['uno', [1, 2]],
      ['due', []],
      ['tre', [3]],
    ]);
    expect(lessonMoved(course, 1, 'up'), 'the first lesson of the course').to.equal(null);
    expect(lessonMoved(groups(['uno', [1]], ['due', [2]]), 2, 'down'), 'the last lesson of the course').to.equal(null);
  });
});
