// The learners' report as CSV, for spreadsheets: UTF-8 with a BOM (so they read the accents), comma
// separated, CRLF line ends, cells quoted when they hold a comma, a semicolon, a quote or a line end,
// and cells that a spreadsheet would run as a formula (= + - @ …) neutralised with a leading quote.
import { stringify } from 'csv-stringify/sync';
import type { LearnerStanding } from './courses.report.ts';

const COLUMNS = ['name', 'email', 'organization', 'status', 'enrolled_at', 'lessons_done', 'quizzes_passed', 'sessions_attended', 'best_score', 'attempts', 'progress', 'completed_at'];

const cell = (v: unknown): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v));

/** The learners' table with its translated header row. */
export function learnersCsv(learners: LearnerStanding[], t: (key: string) => string): string {
  const rows = learners.map((l) =>
    [l.name, l.email, l.organization, t(`courses.csv.status_${l.status}`), l.enrolledAt, `${l.lessonDone}/${l.lessonTotal}`, `${l.quizPassed}/${l.quizTotal}`, l.attended, l.bestScore, l.attempts, `${l.percent}%`, l.completedAt].map(cell),
  );
  return stringify([COLUMNS.map((h) => t(`courses.csv.${h}`)), ...rows], {
    bom: true,
    record_delimiter: 'windows',
    // A line end inside a cell is quoted too (the library leaves it bare once record_delimiter is set).
    quote_record_delimiter: true,
    // Semicolons too: spreadsheets set to the Italian list separator split on them.
    quoted_match: ';',
    escape_formulas: true,
  });
}
