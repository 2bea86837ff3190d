// A small RFC 4180 reader for the repertory's CSV import, in one linear pass: quoted fields may
// hold separators, doubled quotes and line breaks; each record keeps the line it starts on, so
// errors name it. The separator is the comma, or the semicolon spreadsheets use with an Italian
// locale (chosen from the header line).

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

/** The records of a CSV text (a BOM and blank lines are skipped). */
export function readCsv(input: string): CsvRecord[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const sep = separatorOf(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== '') records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += c;
  }
  if (quoted) throw new CsvSyntaxError(start);
  if (cell !== '' || cells.length) endRecord();
  return records;
}
