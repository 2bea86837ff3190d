import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { identityFromClaims, normalizeFiscalNumber } from '../../server/features/oidc/oidc.schema.ts';

describe('OIDC configuration', () => {
  it('is off unless both OIDC_ISSUER and OIDC_CLIENT_ID are set', () => {
    expect(loadConfig({}).oidc).to.equal(undefined);
    expect(loadConfig({ OIDC_ISSUER: 'https://id.example.it' }).oidc).to.equal(undefined);
  });

  it('defaults to the openid, profile and email scopes and to client_secret_basic', () => {
    const oidc = loadConfig({
      OIDC_ISSUER: 'https://id.example.it',
      OIDC_CLIENT_ID: 'spi',
      OIDC_CLIENT_SECRET: 's',
    }).oidc;
    expect(oidc).to.include({ scopes: 'openid profile email', clientAuth: 'client_secret_basic', clientSecret: 's' });
    const custom = loadConfig({
      OIDC_ISSUER: 'https://id.example.it',
      OIDC_CLIENT_ID: 'spi',
      OIDC_CLIENT_SECRET: 's',
      OIDC_SCOPES: ' openid   profile email  offline_access ',
      OIDC_CLIENT_AUTH: 'client_secret_post',
    }).oidc;
    expect(custom).to.include({ scopes: 'openid profile email offline_access', clientAuth: 'client_secret_post' });
  });

  it('chooses private_key_jwt when a key file is named, and refuses settings that cannot work', () => {
    const jwt = loadConfig({
      OIDC_ISSUER: 'https://id.example.it',
      OIDC_CLIENT_ID: 'spi',
      OIDC_PRIVATE_KEY_FILE: '/k.pem',
    });
    expect(jwt.oidc).to.include({ clientAuth: 'private_key_jwt', privateKeyFile: '/k.pem' });
    expect(() => loadConfig({ OIDC_ISSUER: 'https://id.example.it', OIDC_CLIENT_ID: 'spi' })).to.throw(
      ConfigError,
      /OIDC_CLIENT_SECRET/,
    );
    expect(() => loadConfig({ OIDC_ISSUER: 'id.example.it', OIDC_CLIENT_ID: 'spi', OIDC_CLIENT_SECRET: 's' })).to.throw(
      ConfigError,
      /OIDC_ISSUER/,
    );
    expect(() =>
      loadConfig({ OIDC_ISSUER: 'https://id.example.it', OIDC_CLIENT_ID: 'spi', OIDC_CLIENT_AUTH: 'private_key_jwt' }),
    ).to.throw(ConfigError, /OIDC_PRIVATE_KEY_FILE/);
  });
});

describe('identities from provider claims', () => {
  it('reads the fiscal code from fiscal_number or the eID attribute, without SPID’s TINIT- prefix', () => {
    expect(normalizeFiscalNumber('TINIT-rssmra80a01h501u')).to.equal('RSSMRA80A01H501U');
    expect(normalizeFiscalNumber('01234567890')).to.equal('01234567890');
    expect(normalizeFiscalNumber('non-un-codice')).to.equal(undefined);
    expect(normalizeFiscalNumber(42)).to.equal(undefined);
    const eid = identityFromClaims('https://id.example.it', {
      sub: 'abc',
      'https://attributes.eid.gov.it/fiscal_number': 'TINIT-VRDGLI85M41F205X',
      given_name: ' Giulia ',
      family_name: 'Verdi',
      email: 'Giulia@Esempio.IT',
      email_verified: 'true',
    });
    expect(eid).to.deep.equal({
      issuer: 'https://id.example.it',
      subject: 'abc',
      email: 'giulia@esempio.it',
      emailVerified: true,
      fiscalNumber: 'VRDGLI85M41F205X',
      name: 'Giulia Verdi',
    });
  });

  it('treats an e-mail without email_verified as unverified and drops a malformed one', () => {
    const unverified = identityFromClaims('i', { sub: 's', email: 'a@b.it' });
    expect(unverified.emailVerified).to.equal(false);
    expect(identityFromClaims('i', { sub: 's', email: 'non valida', email_verified: true }).email).to.equal(undefined);
  });
});
