import { expect } from 'chai';
import { learnersCsv } from '../../server/features/courses/courses.csv.ts';
import type { LearnerStanding } from '../../server/features/courses/courses.report.ts';

const learner = (over: Partial<LearnerStanding>): LearnerStanding => ({
  userId: 1,
  name: 'Bruno Bianchi',
  email: 'bruno@example.it',
  organization: null,
  status: 'active',
  enrolledAt: new Date('2026-03-02T09:30:00Z'),
  completedAt: null,
  lastSeenAt: null,
  lessonTotal: 3,
  lessonDone: 1,
  quizTotal: 1,
  quizPassed: 0,
  attended: 0,
  bestScore: 50,
  attempts: 1,
  percent: 25,
  completed: false,
  ...over,
});
const t = (key: string) => key.replace('courses.csv.', '');

describe('learners CSV', () => {
  it('writes UTF-8 with a BOM, commas and CRLF, dates in ISO and empty cells for nothing', () => {
    const csv = learnersCsv([learner({})], t);
    expect(csv).to.equal(
      '\ufeffname,email,organization,status,enrolled_at,lessons_done,quizzes_passed,sessions_attended,best_score,attempts,progress,completed_at\r\n' +
        'Bruno Bianchi,bruno@example.it,,status_active,2026-03-02T09:30:00.000Z,1/3,0/1,0,50,1,25%,\r\n',
    );
    expect(learnersCsv([], t)).to.match(/^\ufeffname,.*,completed_at\r\n$/);
  });

  it('quotes commas, semicolons, quotes and line ends, and neutralises formulas', () => {
    const [, row] = learnersCsv(
      [learner({ name: 'Rossi, Anna; "Annina"', email: 'a\nb', organization: '=HYPERLINK("x")' })],
      t,
    ).split('\r\n');
    expect(row).to.match(/^"Rossi, Anna; ""Annina""","a\nb","'=HYPERLINK\(""x""\)",/);
    for (const start of ['+', '-', '@', '\t', '\uff1d']) {
      expect(learnersCsv([learner({ name: `${start}1` })], t).split('\r\n')[1]).to.match(/^"?'/, JSON.stringify(start));
    }
  });
});
