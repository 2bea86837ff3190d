// What an upload is, decided by its bytes (file-type), never by the name or the browser's MIME;
// and the display name it is served under. Pure functions, no I/O.
import { fileTypeFromBuffer } from 'file-type';
import { trimChars } from '../../core/text.ts';

export type AllowedType = { ext: string; mime: string; exts: readonly string[]; image: boolean };

const type = (ext: string, mime: string, exts: readonly string[] = [ext], image = false): AllowedType => ({
  ext,
  mime,
  exts,
  image,
});

/** Everything we accept, by the extension file-type reports (legacy Office is resolved below). */
const ALLOWED: Record<string, AllowedType> = {
  pdf: type('pdf', 'application/pdf'),
  png: type('png', 'image/png', ['png'], true),
  jpg: type('jpg', 'image/jpeg', ['jpg', 'jpeg'], true),
  gif: type('gif', 'image/gif', ['gif'], true),
  webp: type('webp', 'image/webp', ['webp'], true),
  docx: type('docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  xlsx: type('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  pptx: type('pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'),
  odt: type('odt', 'application/vnd.oasis.opendocument.text'),
  ods: type('ods', 'application/vnd.oasis.opendocument.spreadsheet'),
  odp: type('odp', 'application/vnd.oasis.opendocument.presentation'),
  doc: type('doc', 'application/msword'),
  xls: type('xls', 'application/vnd.ms-excel'),
  ppt: type('ppt', 'application/vnd.ms-powerpoint'),
};

/** Images a browser may show inline (never SVG: it can carry script). */
export const INLINE_MIMES: ReadonlySet<string> = new Set(
  Object.values(ALLOWED)
    .filter((t) => t.image)
    .map((t) => t.mime),
);

// Office 97–2003 files share one container (CFB) with installers (.msi), Outlook messages and
// encrypted OOXML; the stream that holds the document says which one it is.
const LEGACY_OFFICE_STREAMS: [string, string][] = [
  ['worddocument', 'doc'],
  ['workbook', 'xls'],
  ['book', 'xls'],
  ['powerpoint document', 'ppt'],
];

/** The name of the CFB directory entry at `offset` when it is a stream, lower-cased. */
function cfbStreamName(buffer: Buffer, offset: number): string | undefined {
  const nameBytes = buffer.readUInt16LE(offset + 0x40);
  const objectType = buffer[offset + 0x42];
  if (objectType !== 2 || nameBytes < 4 || nameBytes > 64 || nameBytes % 2) return undefined;
  return buffer.toString('utf16le', offset, offset + nameBytes - 2).toLowerCase();
}

/** doc, xls or ppt for a CFB container holding that kind of document; undefined for anything else. */
function legacyOfficeKind(buffer: Buffer): string | undefined {
  if (buffer.length < 512) return undefined;
  const sectorSize = 1 << buffer.readUInt16LE(0x1e);
  if (sectorSize !== 512 && sectorSize !== 4096) return undefined;
  // Directory entries are 128 bytes and sectors start at multiples of the sector size, so every
  // entry starts at a multiple of 128 after the header sector.
  for (let offset = sectorSize; offset + 128 <= buffer.length; offset += 128) {
    const name = cfbStreamName(buffer, offset);
    const found = name && LEGACY_OFFICE_STREAMS.find(([stream]) => stream === name);
    if (found) return found[1];
  }
  return undefined;
}

/** The accepted type of these bytes, or undefined when they are not something we take. */
export async function detectAllowedType(buffer: Buffer): Promise<AllowedType | undefined> {
  const detected = await fileTypeFromBuffer(buffer);
  if (!detected) return undefined;
  const ext = detected.ext === 'cfb' ? legacyOfficeKind(buffer) : detected.ext;
  return ext ? ALLOWED[ext] : undefined;
}

const MAX_NAME = 200;

/**
 * The name shown and offered on download: the last path segment, without control or
 * bidirectional-override characters (which disguise "exe.pdf") or characters file systems refuse,
 * at most 200 characters, ending in an extension that matches the content.
 */
export function displayName(original: string, type: AllowedType): string {
  let name = original.normalize('NFC');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = trimChars(
    name
      .replace(/[\t\n\r\u2028\u2029]/g, ' ')
      .replace(/[\p{Cc}\p{Cf}]/gu, '')
      .replace(/[<>:"|?*]/g, '_')
      .replace(/\s+/g, ' '),
    '.',
  );
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  let base = type.exts.includes(ext) ? name.slice(0, dot).trimEnd() : name;
  const suffix = `.${type.exts.includes(ext) ? ext : type.ext}`;
  const room = MAX_NAME - suffix.length;
  const chars = Array.from(base);
  if (chars.length > room) base = chars.slice(0, room).join('').trimEnd();
  return `${base || 'allegato'}${suffix}`;
}
