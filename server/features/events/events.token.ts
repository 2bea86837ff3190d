// The private address of a person's own calendar ("i miei eventi"): calendar apps subscribe to a URL
// and send no cookie, so the URL carries a token, an HMAC of the person's id and of the address's
// generation under the session secret, with its own purpose string (a token made for something else
// never passes as this one). Asking for a new address moves the generation on (calendar_feed_keys):
// the old token no longer matches. Generation 0 signs what every address was before generations.
import { sign, verifySignature } from '../../core/signing.ts';

const PURPOSE = 'rete-spi:my-events-calendar:v1';

/** What is signed: the person, and the address's generation once it has been renewed. */
const signed = (userId: number, generation: number) => (generation ? `${userId}:${generation}` : `${userId}`);

export function signCalendarToken(secret: string, userId: number, generation: number): string {
  return `${userId}-${sign(secret, PURPOSE, signed(userId, generation))}`;
}

const parse = (token: string) => /^([1-9]\d{0,9})-([\w-]{32})$/.exec(token);

/** The person a token names (not yet verified: their generation is needed for that), or null. */
export function calendarTokenUser(token: string): number | null {
  const m = parse(token);
  // Beyond a PostgreSQL integer no user exists (and looking one up would fail).
  return m && Number(m[1]) <= 2_147_483_647 ? Number(m[1]) : null;
}

/** The person a token was made for, at their current generation, or null when it is not one of ours. */
export function verifyCalendarToken(secret: string, token: string, generation: number): number | null {
  const m = parse(token);
  if (!m) return null;
  const userId = Number(m[1]);
  return verifySignature(secret, PURPOSE, signed(userId, generation), m[2]!) ? userId : null;
}
