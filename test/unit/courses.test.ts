import { expect } from 'chai';
import type { QuizQuestion } from '../../models/schema.ts';
import { ValidationError } from '../../server/core/errors.ts';
import { normaliseQuestions, parseDateTime, quizFileSchema } from '../../server/features/courses/courses.schema.ts';
import {
  checkAnswers,
  normaliseText,
  progressOf,
  scoreAttempt,
} from '../../server/features/courses/courses.scoring.ts';
import { buildStatement } from '../../server/features/courses/courses.xapi.ts';

const questions: QuizQuestion[] = [
  {
    id: 'uno',
    kind: 'single',
    text: 'Uno?',
    points: 1,
    choices: [
      { id: 'a', text: 'A', feedback: 'No.' },
      { id: 'b', text: 'B', feedback: 'Sì.' },
    ],
    answer: ['b'],
    expected: [],
    explanation: '',
  },
  {
    id: 'due',
    kind: 'multiple',
    text: 'Due?',
    points: 2,
    choices: [
      { id: 'x', text: 'X', feedback: '' },
      { id: 'y', text: 'Y', feedback: '' },
      { id: 'z', text: 'Z', feedback: '' },
    ],
    answer: ['x', 'z'],
    expected: [],
    explanation: 'X e Z.',
  },
  {
    id: 'tre',
    kind: 'truefalse',
    text: 'Tre?',
    points: 1,
    choices: [
      { id: 'true', text: '', feedback: 'Vero!' },
      { id: 'false', text: '', feedback: 'Falso!' },
    ],
    answer: ['false'],
    expected: [],
    explanation: '',
  },
  {
    id: 'quattro',
    kind: 'text',
    text: 'Quattro?',
    points: 1,
    choices: [],
    answer: [],
    expected: ['Dichiarazione di immediata disponibilità', 'DID'],
    explanation: '',
  },
];

describe('quiz scoring', () => {
  it('gives full points only for exactly the right choices or an accepted text', () => {
    const all = scoreAttempt(
      questions,
      { uno: 'b', due: ['z', 'x'], tre: 'false', quattro: '  dichiarazione di IMMEDIATA disponibilita. ' },
      80,
    );
    expect(all).to.include({ score: 5, maxScore: 5, percent: 100, passed: true });
    const partial = scoreAttempt(questions, { uno: 'a', due: ['x'], tre: 'false', quattro: 'did' }, 80);
    expect(partial).to.include({ score: 2, maxScore: 5, percent: 40, passed: false });
    expect(partial.results.map((r) => r.correct)).to.deep.equal([false, false, true, true]);
    const tooMany = scoreAttempt(questions, { due: ['x', 'y', 'z'] }, 80);
    expect(tooMany.results[1]!.correct).to.equal(false);
  });

  it('passes at the threshold exactly, and counts unanswered questions as wrong', () => {
    expect(scoreAttempt(questions, { uno: 'b', due: ['x', 'z'], tre: 'false' }, 80)).to.include({
      score: 4,
      percent: 80,
      passed: true,
    });
    expect(scoreAttempt(questions, {}, 0)).to.include({ score: 0, passed: true });
    expect(scoreAttempt(questions, {}, 1)).to.include({ score: 0, passed: false });
  });

  it('returns the feedback of the choices picked, the right answer and the explanation', () => {
    const { feedback } = scoreAttempt(questions, { uno: 'a', tre: 'true' }, 50);
    expect(feedback[0]).to.deep.include({ given: ['a'], correctAnswer: ['b'], feedback: ['No.'] });
    expect(feedback[1]).to.deep.include({ given: [], correctAnswer: ['x', 'z'], explanation: 'X e Z.' });
    expect(feedback[2]).to.deep.include({ feedback: ['Vero!'] });
    expect(feedback[3]).to.deep.include({ correctAnswer: ['Dichiarazione di immediata disponibilità', 'DID'] });
  });

  it('refuses unknown questions and choices, and lists for single answers, naming each', () => {
    const fields = (answers: Record<string, string | string[]>) => {
      try {
        checkAnswers(questions, answers);
      } catch (err) {
        expect(err).to.be.instanceOf(ValidationError);
        return (err as ValidationError).fields;
      }
      return null;
    };
    expect(fields({ cinque: 'a', sei: 'b' })!.answers).to.deep.equal({
      key: 'courses.errors.unknown_questions',
      params: { ids: 'cinque, sei' },
    });
    expect(fields({ uno: 'c' })!['answers.uno']).to.deep.equal({
      key: 'courses.errors.unknown_choice',
      params: { ids: 'c' },
    });
    expect(fields({ uno: ['a', 'b'] })!['answers.uno']!.key).to.equal('courses.errors.answer_one');
    expect(fields({ quattro: ['did'] })!['answers.quattro']!.key).to.equal('courses.errors.answer_text');
    expect(fields({ uno: 'b', tre: 'true' })).to.equal(null);
  });

  it('compares text answers without case, accents, outer punctuation or repeated spaces', () => {
    expect(normaliseText('  Perché   NO?! ')).to.equal('perche no');
    expect(normaliseText('«Patto di servizio»')).to.equal('patto di servizio');
    expect(normaliseText('l’impiego')).to.equal("l'impiego");
  });
});

describe('quiz files', () => {
  const parse = (yaml: object) => normaliseQuestions(quizFileSchema.parse(yaml).questions);
  it('turns file questions into stored ones and reports answers that refer to no choice', () => {
    const ok = parse({
      title: 'V',
      questions: [{ id: 'a', kind: 'truefalse', text: 'T', answer: false, feedback: { true: 'no', false: 'sì' } }],
    });
    expect(ok.problems).to.deep.equal([]);
    expect(ok.questions[0]).to.deep.include({
      answer: ['false'],
      choices: [
        { id: 'true', text: '', feedback: 'no' },
        { id: 'false', text: '', feedback: 'sì' },
      ],
    });
    const bad = parse({
      title: 'V',
      questions: [
        {
          id: 'a',
          kind: 'single',
          text: 'S',
          choices: [
            { id: 'x', text: 'X' },
            { id: 'x', text: 'Y' },
          ],
          answer: 'y',
        },
        { id: 'a', kind: 'multiple', text: 'M', choices: [{ id: 'p', text: 'P' }], answer: 'p' },
        { id: 'c', kind: 'text', text: 'T' },
        { id: 'd', kind: 'truefalse', text: 'T', answer: 'vero' },
        {
          id: 'e',
          kind: 'single',
          text: 'S',
          choices: [
            { id: 'x', text: 'X' },
            { id: 'y', text: 'Y' },
          ],
          answer: ['x', 'y'],
        },
      ],
    });
    expect(bad.problems.map((p) => `${p.path.join('.')} ${p.key}`)).to.deep.equal([
      'questions.0.choices.1.id courses.import.duplicate_choice',
      'questions.0.answer courses.import.answer_unknown',
      'questions.1.id courses.import.duplicate_question',
      'questions.1.choices courses.import.choices_required',
      'questions.2.expected courses.import.expected_required',
      'questions.3.answer courses.import.answer_boolean',
      'questions.4.answer courses.import.answer_single',
    ]);
  });
});

describe('course progress', () => {
  const facts = { lessonTotal: 6, lessonDone: 3, quizTotal: 1, quizPassed: 0, attended: 0 };
  it('counts lessons, and quizzes and sessions when the rule asks for them', () => {
    expect(progressOf({ lessons: true, quizzes: true, attendance: 0 }, facts)).to.deep.equal({
      percent: 42,
      complete: false,
    });
    expect(progressOf({ lessons: true, quizzes: false, attendance: 0 }, facts)).to.deep.equal({
      percent: 50,
      complete: false,
    });
    expect(
      progressOf({ lessons: true, quizzes: true, attendance: 1 }, { ...facts, lessonDone: 6, quizPassed: 1 }),
    ).to.deep.equal({ percent: 87, complete: false });
    expect(
      progressOf(
        { lessons: true, quizzes: true, attendance: 1 },
        { ...facts, lessonDone: 6, quizPassed: 1, attended: 2 },
      ),
    ).to.deep.equal({ percent: 100, complete: true });
  });
  it('completes by attendance alone when that is the rule, and never shows 100% before completion', () => {
    expect(progressOf({ lessons: false, quizzes: false, attendance: 1 }, { ...facts, attended: 1 })).to.deep.equal({
      percent: 100,
      complete: true,
    });
    expect(
      progressOf({ lessons: true, quizzes: false, attendance: 0 }, { ...facts, lessonTotal: 200, lessonDone: 199 }),
    ).to.deep.equal({ percent: 99, complete: false });
  });
});

describe('session times', () => {
  it('reads a datetime-local value as Italian wall-clock time, in winter and in summer', () => {
    expect(parseDateTime('2027-01-15T09:30')!.toISOString()).to.equal('2027-01-15T08:30:00.000Z');
    expect(parseDateTime('2027-07-15T09:30')!.toISOString()).to.equal('2027-07-15T07:30:00.000Z');
    expect(parseDateTime('2027-07-15T09:30:00Z')!.toISOString()).to.equal('2027-07-15T09:30:00.000Z');
    expect(parseDateTime('2027-02-30T09:30')).to.equal(null);
    expect(parseDateTime('domani')).to.equal(null);
  });
  it('refuses dates outside this century and loose formats (no year 10000, no "1")', () => {
    for (const bad of [
      '+010000-01-01T00:00:00Z',
      '-005000-01-01T00:00:00Z',
      '0000-01-01T10:00',
      '1',
      '2027-01-15',
      '2027-01-15T25:00',
      '2101-01-01T10:00',
      '1999-12-31T10:00',
    ]) {
      expect(parseDateTime(bad), bad).to.equal(null);
    }
  });
});

describe('xAPI statements', () => {
  it('names the actor by account, the verb by ADL id, the activity by URL, with a scaled score', () => {
    const s = buildStatement({
      baseUrl: 'https://rete.example.org/',
      actor: { id: 7, name: 'Lucia' },
      verb: 'passed',
      course: { id: 1, slug: 'corso', title: 'Corso' },
      object: { type: 'assessment', path: '/corsi/corso/verifiche/finale', title: 'Finale' },
      result: { score: { raw: 3, max: 4 }, success: true },
      timestamp: new Date('2027-01-01T10:00:00Z'),
    });
    expect(s).to.deep.include({
      actor: { objectType: 'Agent', name: 'Lucia', account: { homePage: 'https://rete.example.org', name: '7' } },
      result: { score: { raw: 3, min: 0, max: 4, scaled: 0.75 }, success: true },
      timestamp: '2027-01-01T10:00:00.000Z',
      version: '1.0.3',
    });
    expect((s.verb as { id: string }).id).to.equal('http://adlnet.gov/expapi/verbs/passed');
    expect((s.object as { id: string }).id).to.equal('https://rete.example.org/corsi/corso/verifiche/finale');
    expect((s as any).context.contextActivities.parent[0].id).to.equal('https://rete.example.org/corsi/corso');
  });
});
