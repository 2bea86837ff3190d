// The text a PDF shows, read back without a PDF library: every content stream (inflated when
// compressed) and the strings its text operators draw — pdfkit writes the standard fonts' text as
// hex strings in WinAnsi, close enough to Latin-1 for the letters of Italian names.
import { inflateSync } from 'node:zlib';

export function pdfText(pdf: Buffer): string {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  const streams = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let body = pdf.subarray(start, end);
    if (/\/FlateDecode/.test(m[1]!)) {
      try {
        body = inflateSync(body);
      } catch {
        continue;
      }
    }
    const text = body.toString('latin1');
    // Text operators: [(...) <...> ...] TJ, (...) Tj, <...> Tj.
    for (const op of text.matchAll(/(\[(?:[^\]\\]|\\.)*\]|<[0-9a-fA-F]*>|\((?:\\.|[^\\)])*\))\s*T[Jj]/g)) {
      const strings = op[1]!.matchAll(/<([0-9a-fA-F]*)>|\(((?:\\.|[^\\)])*)\)/g);
      out.push(
        [...strings].map((s) => (s[1] !== undefined ? Buffer.from(s[1], 'hex').toString('latin1') : s[2]!)).join(''),
      );
    }
  }
  return out.join('\n');
}
