// Italy's wall-clock time (Europe/Rome): the platform's calendar days, digests and session times.
// One offset computation serves them all, summer time included.
export const TIME_ZONE = 'Europe/Rome';

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** What Italian clocks and calendars show at an instant (month 1–12). */
export function italianWallTime(at: Date): WallTime {
  const p = Object.fromEntries(partsFormat.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** How far Italian time is ahead of UTC at an instant, in ms (1 h in winter, 2 h in summer). */
function offsetAt(ms: number): number {
  const w = italianWallTime(new Date(ms));
  const wall = new Date(0);
  wall.setUTCFullYear(w.year, w.month - 1, w.day);
  wall.setUTCHours(w.hour, w.minute, w.second, 0);
  return wall.getTime() - Math.floor(ms / 1000) * 1000;
}

/** The instant Italian clocks show this wall time; null for a date that does not exist (30 February). */
export function fromItalianWallTime(w: WallTime): Date | null {
  const wall = new Date(0);
  wall.setUTCFullYear(w.year, w.month - 1, w.day);
  wall.setUTCHours(w.hour, w.minute, w.second, 0);
  if (
    wall.getUTCMonth() !== w.month - 1 ||
    wall.getUTCDate() !== w.day ||
    w.hour > 23 ||
    w.minute > 59 ||
    w.second > 59
  )
    return null;
  const ms = wall.getTime();
  // The offset where the wall time falls, found from a first guess (exact across the summer-time changes).
  return new Date(ms - offsetAt(ms - offsetAt(ms)));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar day in Italy at an instant: YYYY-MM-DD. */
export function italianDay(at: Date): string {
  const w = italianWallTime(at);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** An instant as a datetime-local field shows it in Italy: "2027-03-15T09:30". */
export function italianInputValue(at: Date): string {
  const w = italianWallTime(at);
  return `${italianDay(at)}T${pad(w.hour)}:${pad(w.minute)}`;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD, in the years the platform deals with (1900–2100). */
export function isCalendarDay(text: string): boolean {
  const m = DAY_PATTERN.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2100 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const WALL_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
/** Sessions, events and publications happen in this century: anything else is a typing slip. */
const YEARS = [2000, 2100] as const;

/** A date and time: ISO with a zone as given, or (a datetime-local field) as Italian wall-clock time. */
export function parseDateTime(text: string): Date | null {
  const m = WALL_TIME_RE.exec(text);
  let result: Date | null = null;
  if (m) {
    const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    result = fromItalianWallTime({ year, month, day, hour, minute, second });
  } else if (ISO_RE.test(text)) {
    const ms = Date.parse(text);
    result = Number.isNaN(ms) ? null : new Date(ms);
  }
  if (!result || result.getUTCFullYear() < YEARS[0] || result.getUTCFullYear() > YEARS[1]) return null;
  return result;
}
