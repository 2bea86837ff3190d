// The private address of a person's own calendar ("i miei eventi"): calendar apps subscribe to a URL
// and send no cookie, so the URL carries a token, an HMAC of the person's id under the session
// secret with its own purpose string (a token made for something else never passes as this one).
import { createHmac, timingSafeEqual } from 'node:crypto';

const PURPOSE = 'rete-spi:my-events-calendar:v1';

const mac = (secret: string, userId: number) =>
  createHmac('sha256', secret).update(`${PURPOSE}:${userId}`).digest('base64url').slice(0, 32);

export function signCalendarToken(secret: string, userId: number): string {
  return `${userId}-${mac(secret, userId)}`;
}

/** The person a token was made for, or null when it is not one of ours. */
export function verifyCalendarToken(secret: string, token: string): number | null {
  const m = /^([1-9]\d{0,9})-([\w-]{32})$/.exec(token);
  if (!m) return null;
  const userId = Number(m[1]);
  const expected = Buffer.from(mac(secret, userId));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
}
