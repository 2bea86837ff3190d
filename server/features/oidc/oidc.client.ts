// The OpenID Connect client for SPID/CIE sign-in (openid-client v6 and its Passport strategy).
// Discovery is lazy: the app starts even when the provider is down, and the sign-in page says so.
import { createPrivateKey, webcrypto } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Request } from 'express';
import type passport from 'passport';
import * as client from 'openid-client';
import { Strategy, type AuthenticateOptions, type VerifyFunctionWithRequest } from 'openid-client/passport';
import type { Config } from '../../config.ts';
import { AppError } from '../../core/errors.ts';

/** The provider (discovery, token or userinfo endpoint) could not be reached. */
export class ProviderUnavailableError extends AppError {
  readonly reason: unknown;
  constructor(reason: unknown) {
    super(503, 'oidc_unavailable', 'oidc.unavailable');
    this.reason = reason;
  }
}

export const CALLBACK_PATH = '/accedi/spid/callback';
const RETRY_AFTER_MS = 10_000;

/**
 * Every authorization request carries a fresh state and nonce (the base strategy relies on PKCE
 * alone when the provider supports it): both are kept in the session and checked on the callback.
 */
class StateAndNonceStrategy extends Strategy {
  override authorizationRequestParams<T extends AuthenticateOptions>(req: Request, options: T) {
    const params = new URLSearchParams(super.authorizationRequestParams(req, options));
    params.set('state', client.randomState());
    params.set('nonce', client.randomNonce());
    return params;
  }
}

type Settings = NonNullable<Config['oidc']>;

/** A PKCS#8 PEM private key (RSA or EC P-256) for private_key_jwt. */
async function privateKey(file: string): Promise<client.CryptoKey> {
  const jwk = createPrivateKey(await readFile(file, 'utf8')).export({ format: 'jwk' });
  const algorithm =
    jwk.kty === 'EC'
      ? { name: 'ECDSA', namedCurve: jwk.crv ?? 'P-256' }
      : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return webcrypto.subtle.importKey('jwk', jwk, algorithm, false, ['sign']) as Promise<client.CryptoKey>;
}

async function clientAuthentication(settings: Settings): Promise<client.ClientAuth> {
  if (settings.clientAuth === 'private_key_jwt')
    return client.PrivateKeyJwt(await privateKey(settings.privateKeyFile!));
  return settings.clientAuth === 'client_secret_post'
    ? client.ClientSecretPost(settings.clientSecret)
    : client.ClientSecretBasic(settings.clientSecret);
}

/** True when an error means the provider did not answer (refused, reset, timed out, DNS). */
export function isNetworkError(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; depth++, e = (e as { cause?: unknown }).cause) {
    const { name, code, message } = e as { name?: string; code?: string; message?: string };
    if (name === 'AbortError' || name === 'TimeoutError' || code === 'OAUTH_TIMEOUT') return true;
    if (code && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|UND_ERR_\w+)$/.test(code))
      return true;
    if (name === 'TypeError' && message === 'fetch failed') return true;
  }
  return false;
}

export type OidcClient = {
  /** The Passport strategy, after discovery (done once, retried after a failure); ProviderUnavailableError otherwise. */
  strategy(): Promise<passport.Strategy>;
  /** The provider's end-session address for this ID token, when the provider has one (and is known). */
  endSessionUrl(idToken: string): Promise<URL | undefined>;
  /** The userinfo claims for an access token (SPID/CIE put the person's attributes there). */
  userinfo(accessToken: string, subject: string): Promise<Record<string, unknown>>;
};

/** A client for the configured provider, or undefined when OIDC_ISSUER / OIDC_CLIENT_ID are not set. */
export function createOidcClient(config: Config, verify: VerifyFunctionWithRequest): OidcClient | undefined {
  const settings = config.oidc;
  if (!settings) return undefined;
  const issuer = new URL(settings.issuer);
  // Plain http only outside production (a provider on this machine in tests and development).
  const insecure = issuer.protocol === 'http:' && config.env !== 'production';
  const scope = settings.scopes.split(' ').includes('openid') ? settings.scopes : `openid ${settings.scopes}`;
  let discovered: Promise<{ configuration: client.Configuration; strategy: Strategy }> | undefined;

  async function discover() {
    const configuration = await client.discovery(
      issuer,
      settings!.clientId,
      undefined,
      await clientAuthentication(settings!),
      { timeout: 10, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
    );
    configuration.timeout = 10;
    const strategy = new StateAndNonceStrategy(
      {
        config: configuration,
        name: 'oidc',
        sessionKey: 'oidc:authorization',
        scope,
        callbackURL: `${config.publicUrl}${CALLBACK_PATH}`,
        passReqToCallback: true,
      },
      verify,
    );
    return { configuration, strategy };
  }

  // After a failed discovery the provider is asked again only after a short pause, so a crowd at
  // the sign-in page does not pile requests (each up to the timeout) on a provider that is down.
  let failedAt = 0;
  let lastFailure: ProviderUnavailableError | undefined;
  const ready = () => {
    if (!discovered && lastFailure && Date.now() - failedAt < RETRY_AFTER_MS) return Promise.reject(lastFailure);
    discovered ??= discover().catch((err: unknown) => {
      discovered = undefined;
      failedAt = Date.now();
      lastFailure = new ProviderUnavailableError(err);
      throw lastFailure;
    });
    return discovered;
  };

  return {
    async strategy() {
      return (await ready()).strategy;
    },
    async endSessionUrl(idToken) {
      const { configuration } = await ready().catch(() => ({ configuration: undefined }));
      if (!configuration?.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(configuration, {
        id_token_hint: idToken,
        post_logout_redirect_uri: `${config.publicUrl}/`,
        client_id: settings.clientId,
      });
    },
    async userinfo(accessToken, subject) {
      const { configuration } = await ready();
      if (!configuration.serverMetadata().userinfo_endpoint) return {};
      return (await client.fetchUserInfo(configuration, accessToken, subject)) as Record<string, unknown>;
    },
  };
}
