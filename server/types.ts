// Type augmentations for Express and express-session.
import type { TFunction } from 'i18next';
import type { Lang } from './core/i18n.ts';
import type { Role } from '../models/schema.ts';

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
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
    passport?: { user?: number };
    flash?: { kind: 'success' | 'info' | 'warning' | 'danger'; key: string; params?: Record<string, unknown> }[];
    returnTo?: string;
    /** Anonymous questionnaire responses begun in this session (their drafts and results are theirs). */
    questionnaireTokens?: string[];
  }
}

export {};
