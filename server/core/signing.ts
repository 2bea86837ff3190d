// Signed values for links that carry no session (a calendar app's subscription, an e-mail's
// unsubscribe link): an HMAC under the session secret, with a purpose string so a signature made
// for one use never passes for another, compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature of `value` for `purpose` (32 URL-safe characters). */
export function sign(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${value}`).digest('base64url').slice(0, 32);
}

/** True when `signature` is what `sign` gives for this purpose and value. */
export function verifySignature(secret: string, purpose: string, value: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, purpose, value));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
