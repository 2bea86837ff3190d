// The CSV of training offers: a header row naming the columns (in any order; unknown ones are an
// error so a typo is not silently dropped), one offer per row. Read with the repertory's reader
// (csv-parse: quotes, embedded separators, comma or semicolon, a BOM), each row turned into the
// API's field names; the report names rows by their line in the file and fields by their column.
import { CsvSyntaxError, readCsv } from '../competences/competences.schema.ts';

/** Column → the API's field name. */
export const CSV_COLUMNS = {
  external_id: 'externalId',
  title: 'title',
  provider_name: 'providerName',
  description: 'description',
  online: 'online',
  province: 'province',
  town: 'town',
  starts_on: 'startsOn',
  ends_on: 'endsOn',
  hours: 'hours',
  cost_eur: 'costCents',
  target_audience: 'targetAudience',
  certification: 'certification',
  competences: 'competences',
  url: 'url',
  theme: 'theme',
} as const;
export type CsvColumn = keyof typeof CSV_COLUMNS;
export const REQUIRED_COLUMNS: CsvColumn[] = ['title', 'starts_on', 'ends_on', 'hours', 'theme'];
export const FIELD_COLUMN = Object.fromEntries(Object.entries(CSV_COLUMNS).map(([c, f]) => [f, c])) as Record<
  string,
  CsvColumn
>;

export type CsvProblem = { row: number; field: string; key: string; params?: Record<string, unknown> };
export type CsvOfferRow = { line: number; input: Record<string, unknown>; problems: CsvProblem[] };

/** Euros as people type them (12, 12,50, 1.200,00, 12.5) → cents; null when not a sum. */
export function euroCents(value: string): number | null {
  const s = value.trim().replace(/\s|€/g, '');
  if (s === '') return 0;
  let normal = s;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s)) normal = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d+,\d{1,2}$/.test(s)) normal = s.replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(normal)) return null;
  return Math.round(Number(normal) * 100);
}

/**
 * The rows of a CSV text as API inputs, or the problems of the file itself (a row 0 problem: no
 * header, unknown or missing columns, a quote left open).
 */
export function readOfferCsv(text: string): { rows: CsvOfferRow[]; fileProblems: CsvProblem[] } {
  let records;
  try {
    records = readCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      return { rows: [], fileProblems: [{ row: err.line, field: '', key: 'validation.offer_csv_syntax' }] };
    }
    throw err;
  }
  const [header, ...body] = records;
  if (!header || body.length === 0) {
    return { rows: [], fileProblems: [{ row: 1, field: '', key: 'validation.offer_csv_empty' }] };
  }
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const unknown = names.filter((n) => !(n in CSV_COLUMNS));
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  const fileProblems: CsvProblem[] = [];
  if (unknown.length) {
    fileProblems.push({
      row: header.line,
      field: unknown.join(', '),
      key: 'validation.offer_csv_unknown_columns',
      params: { columns: unknown.join(', '), known: Object.keys(CSV_COLUMNS).join(', ') },
    });
  }
  if (missing.length) {
    fileProblems.push({
      row: header.line,
      field: missing.join(', '),
      key: 'validation.offer_csv_missing_columns',
      params: { columns: missing.join(', ') },
    });
  }
  if (fileProblems.length) return { rows: [], fileProblems };
  const rows = body.map(({ line, cells }) => {
    const input: Record<string, unknown> = {};
    const problems: CsvProblem[] = [];
    names.forEach((name, i) => {
      const value = (cells[i] ?? '').trim();
      const field = CSV_COLUMNS[name as CsvColumn];
      if (field === 'costCents') {
        const cents = euroCents(value);
        if (cents === null) problems.push({ row: line, field: name, key: 'validation.offer_cost' });
        else input.costCents = cents;
      } else if (value !== '') input[field] = value;
    });
    return { line, input, problems };
  });
  return { rows, fileProblems: [] };
}
