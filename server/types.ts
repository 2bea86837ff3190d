// Type augmentations for Express and express-session.
import type { TFunction } from 'i18next';
import type { Lang } from './core/i18n.ts';
import type { Role, TokenScope } from '../models/schema.ts';

declare global {
  namespace Express {
    interface User {
      id: number;
      name: string;
      email: string;
      role: Role;
      organizationId: number | null;
      locale: string;
    }
    interface Request {
      t: TFunction;
      lang: Lang;
      /** Set when the request authenticated with a personal API token. */
      apiTokenId?: number;
      /** The scopes of that token (0026_oidc_tokens.sql). */
      apiTokenScopes?: readonly TokenScope[];
      /** The token's owner is an admin but the token lacks the admin scope: it acts as a member. */
      apiTokenAdminCapped?: boolean;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
    passport?: { user?: number };
    flash?: { kind: 'success' | 'info' | 'warning' | 'danger'; key: string; params?: Record<string, unknown> }[];
    returnTo?: string;
    /** Signed in with SPID/CIE: the ID token, to end the provider's session at sign-out. */
    oidc?: { idToken: string };
    /** A person a provider vouched for who still has to complete their account (oidc.routes.ts). */
    oidcPending?: {
      identity: {
        issuer: string;
        subject: string;
        email: string | undefined;
        emailVerified: boolean;
        fiscalNumber: string | undefined;
        name: string | undefined;
      };
      idToken?: string | undefined;
    };
    /** Anonymous questionnaire responses begun in this session (their drafts and results are theirs). */
    questionnaireTokens?: string[];
  }
}

export {};
