// A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for the SPID/CIE sign-in tests: one
// client registered for the app under test, accounts with the claims SPID/CIE send, an interaction
// that signs in the account the test chose (no browser needed), and a token endpoint that can be
// made to misbehave (an ID token for another audience, an expired one, another nonce), re-signed
// with the provider's own key as a compromised or buggy provider would.
import { createSign, generateKeyPairSync, randomUUID, type JsonWebKey } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Agent } from './http.ts';

export type ProviderAccount = {
  email?: string;
  email_verified?: boolean;
  fiscal_number?: string;
  name?: string;
  given_name?: string;
  family_name?: string;
};

export type Tamper = 'wrong-audience' | 'expired' | 'wrong-nonce' | undefined;

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The environment that points the app at this provider (client secret, client_secret_basic). */
  env: Record<string, string>;
  /** The same for a second client that authenticates with private_key_jwt (a PEM key file). */
  jwtEnv: Record<string, string>;
  accounts: Map<string, ProviderAccount>;
  /** The account the next interaction signs in. */
  signInAs(accountId: string): void;
  tamper(mode: Tamper): void;
  close(): Promise<void>;
};

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function signJwt(payload: Record<string, unknown>, key: JsonWebKey, kid: string): string {
  const head = `${b64url(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  const signature = createSign('RSA-SHA256')
    .update(head)
    .sign({ key, format: 'jwk' } as never);
  return `${head}.${b64url(signature)}`;
}

export async function startProvider(appUrl: string): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const clientId = 'rete-spi-test';
  const clientSecret = 'segreto-del-client-di-prova-0123456789';
  // A second client authenticates at the token endpoint with a key pair (private_key_jwt).
  const clientKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyFile = path.join(mkdtempSync(path.join(tmpdir(), 'retespi-oidc-')), 'client-key.pem');
  writeFileSync(keyFile, clientKeys.privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  const accounts = new Map<string, ProviderAccount>();
  let nextAccount = '';
  let tamper: Tamper;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${appUrl}/accedi/spid/callback`],
        post_logout_redirect_uris: [`${appUrl}/`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: `${clientId}-jwt`,
        redirect_uris: [`${appUrl}/accedi/spid/callback`],
        post_logout_redirect_uris: [`${appUrl}/`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [{ ...clientKeys.publicKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig' }] },
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['chiave-dei-cookie-del-provider-di-prova'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'fiscal_number'],
    },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Grant: 600, Session: 600 },
    findAccount: (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      return account && { accountId: id, claims: () => ({ sub: id, ...account }) };
    },
  });

  // The interaction: the chosen account signs in and consents at once.
  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(ctx.path);
    if (!match || ctx.method !== 'GET') return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const grant = new provider.Grant({ accountId: nextAccount, clientId: details.params.client_id! });
    grant.addOIDCScope(details.params.scope ?? 'openid');
    const grantId = await grant.save();
    ctx.respond = false;
    await provider.interactionFinished(
      ctx.req,
      ctx.res,
      { login: { accountId: nextAccount }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  });

  // A misbehaving token endpoint: the ID token's claims changed and signed again with the provider's key.
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path !== '/token' || !tamper || !body?.id_token) return;
    const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const now = Math.floor(Date.now() / 1000);
    if (tamper === 'wrong-audience') claims.aud = 'un-altro-client';
    if (tamper === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
    if (tamper === 'wrong-nonce') claims.nonce = 'nonce-contraffatto';
    ctx.body = { ...body, id_token: signJwt(claims, jwk, kid) };
  });

  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, PUBLIC_URL: appUrl },
    jwtEnv: {
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: `${clientId}-jwt`,
      OIDC_PRIVATE_KEY_FILE: keyFile,
      PUBLIC_URL: appUrl,
    },
    accounts,
    signInAs: (id) => (nextAccount = id),
    tamper: (mode) => (tamper = mode),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A browser's cookies at the provider: name → value (enough for one host). */
export class CookieJar {
  private cookies = new Map<string, string>();
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Follows the provider's redirects as a browser would (carrying its cookies) from `url` until it
 * sends the browser back to the app; returns that address.
 */
export async function followProvider(url: string, appUrl: string, jar = new CookieJar()): Promise<URL> {
  let next = new URL(url);
  for (let hop = 0; hop < 10; hop++) {
    if (next.href.startsWith(appUrl)) return next;
    const res = await fetch(next, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(res);
    const location = res.headers.get('location');
    if (!location)
      throw new Error(`provider answered ${res.status} without a redirect at ${next.href}: ${await res.text()}`);
    next = new URL(location, next);
  }
  throw new Error('too many redirects at the provider');
}

/**
 * Signs in through the provider with the app's agent: starts at /accedi/spid, lets the provider
 * sign `accountId` in, and returns the app's answer to the callback and the callback's address.
 */
export async function federatedSignIn(
  agent: Agent,
  provider: TestProvider,
  appUrl: string,
  accountId: string,
  start = '/accedi/spid',
) {
  provider.signInAs(accountId);
  const begin = await agent.get(start).expect(302);
  const callback = await followProvider(begin.headers.location!, appUrl);
  const response = await agent.get(callback.pathname + callback.search);
  return { response, callback };
}
