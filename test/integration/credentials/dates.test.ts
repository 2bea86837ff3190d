// A credential's dates are read strictly: validFrom and validUntil are RFC 3339 date-times with a
// time zone (what VC 2.0 asks), not whatever Date.parse makes of a string, and the JWT claims nbf
// and exp, when a token has them, bound it too.
import { expect } from 'chai';
import { CompactSign } from 'jose';
import request from 'supertest';
import { keyStoreFor, type SigningKey } from '../../../server/features/credentials/credentials.keys.ts';
import { createUser } from '../../factories.ts';
import type { TestContext } from '../../helpers/context.ts';
import { credentialContext, credentialsOf, decodePart, insertCompetence, validateCompetence } from './support.ts';

type CheckJson = { name: string; ok: boolean; message: string };

describe('the dates of a credential', () => {
  let ctx: TestContext & { keyDir: string };
  let payload: Record<string, unknown>;
  let key: SigningKey;

  /** The dates check of our own credential with `changes` applied, signed again with our key. */
  const datesOf = async (changes: Record<string, unknown>): Promise<CheckJson> => {
    const token = await new CompactSign(new TextEncoder().encode(JSON.stringify({ ...payload, ...changes })))
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'vc+jwt' })
      .sign(key.privateKey);
    const res = await request(ctx.app).post('/api/v1/credentials/verify').send({ credential: token }).expect(200);
    return res.body.checks.find((c: CheckJson) => c.name === 'dates');
  };

  before(async () => {
    ctx = await credentialContext();
    const learner = await createUser(ctx);
    const assessor = await createUser(ctx, { role: 'animator' });
    const competenceId = await insertCompetence(ctx, { code: 'SPI.ACC.01', title: 'Accogliere le persone' });
    await validateCompetence(ctx, { userId: learner.id, competenceId, assessorId: assessor.id, level: 4 });
    await ctx.settle();
    const [row] = await credentialsOf(ctx, learner.id);
    payload = decodePart(row!.token.split('.')[1]!);
    key = await keyStoreFor(ctx.keyDir).active();
  });

  it('accepts RFC 3339 date-times with a time zone, and nothing looser', async () => {
    for (const validFrom of ['2020-01-01T00:00:00Z', '2020-01-01T10:30:00.250+02:00', '2020-02-29T23:59:59-05:00'])
      expect(await datesOf({ validFrom }), validFrom).to.include({ ok: true });
    for (const validFrom of [
      '2020-01-01', // a date alone
      '2020-01-01T00:00:00', // no time zone
      '2020-01-01 00:00:00Z',
      'January 1, 2020',
      '1 gennaio 2020',
      '2020-1-1T00:00:00Z',
      ' 2020-01-01T00:00:00Z',
      '+002020-01-01T00:00:00Z',
      '2021-02-31T00:00:00Z', // no such day (Date.parse makes it 3 March)
      '2020-13-01T00:00:00Z',
      '2020-01-01T24:00:00Z',
      '2020-01-01T00:00:00+2',
      '1577836800',
    ])
      expect(await datesOf({ validFrom }), validFrom).to.include({
        ok: false,
        message: 'Le date di validità non sono leggibili.',
      });
    for (const validUntil of ['2999-12-31', 'mai', '2999-02-30T00:00:00Z', 42])
      expect(await datesOf({ validUntil }), String(validUntil)).to.include({ ok: false });
    expect(await datesOf({ validUntil: '2999-12-31T00:00:00Z' })).to.include({ ok: true });
  });

  it('honours the JWT claims nbf and exp when the token has them', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await datesOf({ nbf: now - 60, exp: now + 3600 })).to.include({ ok: true });
    const expired = await datesOf({ exp: now - 60 });
    expect(expired.ok).to.equal(false);
    expect(expired.message).to.contain('È scaduta il');
    const early = await datesOf({ nbf: now + 86_400 });
    expect(early.ok).to.equal(false);
    expect(early.message).to.contain('Non è ancora valida');
    for (const bad of [{ exp: 'domani' }, { nbf: null }, { exp: Number.MAX_VALUE }])
      expect(await datesOf(bad), JSON.stringify(bad)).to.include({ ok: false });
  });
});
