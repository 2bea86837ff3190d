// An event's participants as CSV for spreadsheets, written the way the courses' report is: UTF-8
// with a BOM, CRLF, quoted cells where a comma, semicolon, quote or line end needs it, and formulas
// (= + - @ …) neutralised.
import { stringify } from 'csv-stringify/sync';

type Participant = {
  name: string;
  email: string;
  organization: string | null;
  status: 'registered' | 'waiting';
  registeredAt: Date;
  attended: boolean | null;
};

const COLUMNS = ['name', 'email', 'organization', 'status', 'registered_at', 'attended'];

const cell = (v: unknown): string =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);

/** Registered people, then the waiting list, with a translated header row. */
export function participantsCsv(people: Participant[], t: (key: string) => string): string {
  const rows = people.map((p) =>
    [
      p.name,
      p.email,
      p.organization,
      t(`events.csv.status_${p.status}`),
      p.registeredAt,
      p.attended === null ? '' : t(p.attended ? 'events.csv.yes' : 'events.csv.no'),
    ].map(cell),
  );
  return stringify([COLUMNS.map((h) => t(`events.csv.${h}`)), ...rows], {
    bom: true,
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    quoted_match: ';',
    escape_formulas: true,
  });
}
