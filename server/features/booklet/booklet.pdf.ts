// The booklet as a PDF, generated on the server with pdfkit (pure JavaScript, maintained, MIT): an
// A4 document in the layout of the printable page — the platform's name, the personal section,
// completed courses, declared experiences, the competence summary and the credentials' ids — with
// the standard Helvetica fonts (their WinAnsi encoding covers Italian), page numbers and metadata.
import PDFDocument from 'pdfkit';
import type { TFunction } from 'i18next';
import type { Credential } from '../../../models/schema.ts';
import type { Booklet } from './booklet.service.ts';

const BLUE = '#0066cc';
const GREY = '#5c6f82';
const MARGIN = 56;

export type PdfOptions = { platform: string; url: string; t: TFunction; lang: string; compress?: boolean };

const day = (d: Date | string, lang: string) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'it-IT', { dateStyle: 'long', timeZone: 'Europe/Rome' }).format(
    typeof d === 'string' ? new Date(`${d}T12:00:00Z`) : d,
  );

/** Renders the booklet; resolves with the PDF's bytes. */
/**
 * A person's text with a soft hyphen every 40 characters of an unbroken run (a long address, a
 * pasted code): pdfkit wraps such a run by measuring it again at every character, which for a few
 * thousand characters blocks the process for seconds; at a soft hyphen it may break (and prints a
 * hyphen there), so wrapping stays linear.
 */
export const breakable = (text: string): string =>
  text.replace(/\S{41,}/g, (run) => run.replace(/(\S{40})(?=\S)/g, '$1\u00AD'));

export function renderBookletPdf(b: Booklet, credentials: Credential[], o: PdfOptions): Promise<Buffer> {
  const { t, lang } = o;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: o.compress ?? true,
    lang: lang === 'en' ? 'en-GB' : 'it-IT',
    displayTitle: true,
    info: {
      Title: `${t('booklet.pdf.title')} – ${b.person.name}`,
      Author: o.platform,
      Subject: t('booklet.pdf.subject'),
      Creator: o.platform,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;

  const heading = (text: string) => {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc.moveDown(1).font('Helvetica-Bold').fontSize(14).fillColor(BLUE).text(text, { width });
    const y = doc.y + 2;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + width, y)
      .lineWidth(0.7)
      .strokeColor(BLUE)
      .stroke();
    doc.moveDown(0.6).fillColor('black');
  };
  const line = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(10).text(`${label}: `, { continued: true, width });
    doc.font('Helvetica').text(breakable(value) || '–', { width });
  };
  const item = (title: string) => {
    if (doc.y > doc.page.height - 120) doc.addPage();
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(11).fillColor('black').text(breakable(title), { width });
  };
  const empty = (text: string) =>
    doc.font('Helvetica-Oblique').fontSize(10).fillColor(GREY).text(text, { width }).fillColor('black');

  // The platform's band, then the document's title.
  doc.rect(0, 0, doc.page.width, 70).fill(BLUE);
  doc.fillColor('white').font('Helvetica-Bold').fontSize(18).text(o.platform, MARGIN, 24, { width });
  doc.font('Helvetica').fontSize(9).text(o.url, MARGIN, 48, { width });
  doc.fillColor('black').font('Helvetica-Bold').fontSize(20).text(t('booklet.pdf.title'), MARGIN, 96, { width });
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(GREY)
    .text(t('booklet.pdf.generated', { date: day(new Date(), lang) }), { width });
  doc.fillColor('black');

  heading(t('booklet.sections.personal'));
  line(t('booklet.person.name'), b.person.name);
  line(t('booklet.person.organization'), b.person.organizationName ?? '');
  line(t('booklet.person.job_title'), b.person.jobTitle);
  line(t('booklet.person.region'), b.person.region ?? '');

  heading(t('booklet.sections.courses'));
  if (!b.entries.length) empty(t('booklet.courses.empty'));
  for (const e of b.entries) {
    item(e.title);
    line(t('booklet.courses.completed_at'), day(e.completedAt, lang));
    line(t('booklet.courses.hours'), String(e.hours));
    line(t('booklet.courses.result'), e.result);
    line(t('booklet.competences_label'), e.competences.map((c) => `${c.code} ${c.title}`).join('; '));
    if (e.credentialId)
      line(t('booklet.courses.credential'), `${e.credentialId} (${o.url}/credenziali/${e.credentialId})`);
  }

  heading(t('booklet.sections.declared'));
  if (!b.declared.length) empty(t('booklet.declared.empty'));
  for (const x of b.declared) {
    item(x.title);
    line(t('booklet.fields.kind'), t(`booklet.kinds.${x.kind}`));
    if (x.place) line(t('booklet.fields.place'), x.place);
    line(
      t('booklet.declared.period'),
      x.endedOn
        ? `${day(x.startedOn, lang)} – ${day(x.endedOn, lang)}`
        : t('booklet.declared.since', { date: day(x.startedOn, lang) }),
    );
    if (x.hours !== null) line(t('booklet.fields.hours'), String(x.hours));
    if (x.description) doc.font('Helvetica').fontSize(10).text(breakable(x.description), { width });
    line(t('booklet.competences_label'), x.competences.map((c) => `${c.code} ${c.title}`).join('; '));
    if (x.evidence.length) line(t('booklet.declared.evidence'), x.evidence.map((a) => a.filename).join('; '));
  }

  heading(t('booklet.sections.competences'));
  if (!b.competences.length) empty(t('booklet.competences.empty'));
  for (const c of b.competences) {
    item(`${c.code} – ${c.title}`);
    line(t('booklet.competences.sources'), c.sources.map((s) => t(`booklet.sources.${s}`)).join(', '));
    line(t('booklet.competences.level'), c.level === null ? '–' : `EQF ${c.level}`);
    if (c.validation) line(t('booklet.competences.validation'), t(`booklet.statuses.${c.validation.status}`));
  }

  heading(t('booklet.sections.credentials'));
  const valid = credentials.filter((c) => !c.revokedAt);
  if (!valid.length) empty(t('booklet.credentials.empty'));
  for (const c of valid) {
    item(c.achievementTitle);
    line(t('booklet.credentials.id'), c.id);
    line(t('booklet.credentials.issued_at'), day(c.issuedAt, lang));
    line(t('booklet.credentials.verify'), `${o.url}/credenziali/${c.id}`);
  }

  // Page numbers, once every page exists.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Written in the bottom margin: without it pdfkit would start a new page for the footer.
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(GREY);
    const footer = `${o.platform} · ${t('booklet.pdf.title')} · ${b.person.name} · ${t('booklet.pdf.page', { page: i + 1, pages: range.count })}`;
    doc.text(footer, MARGIN, doc.page.height - 36, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
