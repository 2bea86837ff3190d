// A dashboard table as CSV for spreadsheets, written like the other exports (events.csv.ts): UTF-8
// with a BOM, CRLF, quoted cells where needed, formulas (= + - @ …) neutralised.
import { stringify } from 'csv-stringify/sync';
import type { Table } from './monitoring.view.ts';

export function tableCsv(table: Table): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return stringify([table.columns, ...table.rows.map((r) => r.map(cell))], {
    bom: true,
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    quoted_match: ';',
    escape_formulas: true,
  });
}
