// A webhook's signing secret and signatures. The secret is shown to the administrator once, when
// it is made; it has to be read back to sign every delivery, so it is stored encrypted rather than
// hashed: AES-256-GCM under a key derived from SESSION_SECRET (a copy of the database alone does not
// reveal it; changing SESSION_SECRET makes the stored secrets unreadable, and their deliveries fail
// with a message asking to generate a new secret).
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

const keyOf = (sessionSecret: string) => createHash('sha256').update(`webhook-secret:${sessionSecret}`).digest();

/** A new secret: 32 random bytes, URL-safe, with a prefix that says what it is. */
export const newSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

export function encryptSecret(sessionSecret: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(sessionSecret), iv);
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
}

/** The secret, or null when it cannot be read (SESSION_SECRET changed, or the value is damaged). */
export function decryptSecret(sessionSecret: string, stored: string): string | null {
  try {
    const [iv, tag, data] = stored.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', keyOf(sessionSecret), iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(data!), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** X-RetiSPI-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the secret>. */
export function signatureHeader(secret: string, body: string, at = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}
