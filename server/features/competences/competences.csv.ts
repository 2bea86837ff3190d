// The repertory's CSV import read by csv-parse (RFC 4180: quoted fields may hold separators,
// doubled quotes and line breaks). Each record keeps the line it starts on, so errors name it. The
// separator is the comma, or the semicolon spreadsheets use with an Italian locale (chosen from the
// header line).
import { CsvError, parse } from 'csv-parse/sync';

export type CsvRecord = { line: number; cells: string[] };
export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number) {
    super(`unclosed quote at line ${line}`);
    this.line = line;
  }
}

/** The separator of the header line: ';' when it has semicolons and no commas outside quotes. */
function separatorOf(text: string): ',' | ';' {
  let quoted = false;
  let commas = 0;
  let semicolons = 0;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > 0 && commas === 0 ? ';' : ',';
}

const blank = (cells: string[]) => cells.length === 1 && cells[0]!.trim() === '';

/** The records of a CSV text (a BOM and blank lines are skipped). */
export function readCsv(input: string): CsvRecord[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  let rows: { record: string[]; raw: string }[];
  try {
    rows = parse(text, {
      delimiter: separatorOf(text),
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: true,
      raw: true,
    }) as unknown as { record: string[]; raw: string }[]; // `raw` makes each row { record, raw }
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = err.code === 'CSV_QUOTE_NOT_CLOSED' ? openingLine(text) : Number(err.lines) || 1;
    throw new CsvSyntaxError(line);
  }
  // Each record's raw text follows the previous one's (with the empty lines skipped before it), so
  // its first character's line is counted from the text itself, a CRLF being one line break.
  const records: CsvRecord[] = [];
  let line = 1;
  for (const { record, raw } of rows) {
    const lead = /^[\r\n]*/.exec(raw)![0];
    line += lineBreaks(lead);
    if (!blank(record)) records.push({ line, cells: record });
    line += lineBreaks(raw.slice(lead.length));
  }
  return records;
}

const lineBreaks = (s: string) => s.match(/\r\n|\r|\n/g)?.length ?? 0;

/** The line of the quote left open: the last one that opens a field outside quotes. */
function openingLine(text: string): number {
  let quoted = false;
  let line = 1;
  let opened = 1;
  for (const c of text) {
    if (c === '"') {
      if (!quoted) opened = line;
      quoted = !quoted;
    } else if (c === '\n') line++;
  }
  return opened;
}
