// The account's part of the personal-data export: the account and profile, tokens (never their
// secrets), sign-in identities, sessions (how many) and the audit entries about the person.
import { sql } from 'drizzle-orm';
import { personalRows } from '../../../models/queries/privacy.ts';
import { registerDataCollector } from '../../core/data-export.ts';

registerDataCollector('account', async (db, userId) => {
  const [account] = await personalRows(
    db,
    sql`SELECT u.id, u.name, u.email, u.handle, u.role, u.kind, u.job_title, u.region, u.bio, u.locale,
               u.email_frequency, u.newsletter, u.message_emails, u.fiscal_number, u.created_at, u.last_login_at,
               o.name AS organization
        FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.id = ${userId}`,
  );
  const tokens = await personalRows(
    db,
    sql`SELECT id, name, scopes, created_at, expires_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ${userId} ORDER BY id`,
  );
  const identities = await personalRows(
    db,
    sql`SELECT issuer, subject, created_at, last_login_at FROM oidc_identities WHERE user_id = ${userId} ORDER BY id`,
  );
  const [sessions] = await personalRows(db, sql`SELECT count(*)::int AS n FROM sessions WHERE user_id = ${userId}`);
  const audit = await personalRows(
    db,
    sql`SELECT id, action, target_type, target_id, reason, created_at, (actor_id = ${userId}) AS by_you
        FROM audit_log WHERE actor_id = ${userId} OR (target_type = 'user' AND target_id = ${userId}) ORDER BY id`,
  );
  return { account, tokens, identities, activeSessions: Number(sessions?.n ?? 0), audit };
});
