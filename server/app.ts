// createApp: middleware order and feature routers. No listening here (see main.ts).
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type Express, type RequestHandler } from 'express';
import type { PassportStatic } from 'passport';
import session from 'express-session';
import { pinoHttp } from 'pino-http';
import './types.ts';
import { ROOT_DIR } from './config.ts';
import { adminScopeRefusals, bearerToken, createPassport } from './core/auth.ts';
import type { Deps } from './core/deps.ts';
import { countStatements, errorHandler, notFound, takeFlash } from './core/http.ts';
import { cleanBody, parseQuery, rejectNulPaths } from './core/input.ts';
import { headerCounts } from './core/header-counts.ts';
import { languageMiddleware } from './core/i18n.ts';
import { navigation } from './core/navigation.ts';
import { pageMeta } from './core/page-meta.ts';
import { createPageCache, type PageCache } from './core/page-cache.ts';
import {
  csrfProtection,
  csrfToken,
  privateResponses,
  securityHeaders,
  tokenRateLimit,
  writeRateLimit,
} from './core/security.ts';
import { DbSessionStore } from './core/session-store.ts';
import { setupViews } from './core/views.ts';
import { accountRoutes } from './features/accounts/accounts.routes.ts';
import { accountsAuthenticator } from './features/accounts/accounts.service.ts';
import { adminRoutes } from './features/admin/admin.routes.ts';
import { oidcRoutes } from './features/oidc/oidc.routes.ts';
import { homeRoutes } from './features/home/home.routes.ts';
import { memberRoutes } from './features/members/members.routes.ts';
import { organizationRoutes } from './features/organizations/organizations.routes.ts';
import { groupRoutes } from './features/groups/groups.routes.ts';
import { discussionRoutes } from './features/discussions/discussions.routes.ts';
import { discussionApiRoutes } from './features/discussions/discussions.api.routes.ts';
import { activityRoutes } from './features/activity/activity.routes.ts';
import { notificationRoutes } from './features/notifications/notifications.routes.ts';
import { attachmentRoutes } from './features/attachments/attachments.routes.ts';
import { apiDocsRoutes } from './features/api-docs/api-docs.routes.ts';
import { courseAuthoringRoutes } from './features/courses/courses.authoring.routes.ts';
import { courseRoutes } from './features/courses/courses.routes.ts';
import { eventRoutes } from './features/events/events.routes.ts';
import { newsletterRoutes } from './features/newsletter/newsletter.routes.ts';
import { articleRoutes } from './features/articles/articles.routes.ts';
import { articleApiRoutes } from './features/articles/articles.api.routes.ts';
import { eventApiRoutes } from './features/events/events.api.routes.ts';
import { searchRoutes } from './features/search/search.routes.ts';
import { discoveryRoutes } from './features/discovery/discovery.routes.ts';
import { exchangeRoutes } from './features/exchange/exchange.routes.ts';
import { exchangeApiRoutes } from './features/exchange/exchange.api.routes.ts';
import { twinningRoutes } from './features/twinnings/twinnings.routes.ts';
import { twinningApiRoutes } from './features/twinnings/twinnings.api.routes.ts';
import { conversationRoutes } from './features/conversations/conversations.routes.ts';
import { conversationApiRoutes } from './features/conversations/conversations.api.routes.ts';
import { practiceCatalogueRoutes } from './features/practices/practices.catalogue.routes.ts';
import { practiceExtrasApiRoutes } from './features/practices/practices.extras.api.routes.ts';
import { practiceRoutes } from './features/practices/practices.routes.ts';
import { practiceFormRoutes } from './features/practices/practices.form.routes.ts';
import { practiceApiRoutes } from './features/practices/practices.api.routes.ts';
import { offerRoutes } from './features/offers/offers.routes.ts';
import { practiceAdminRoutes } from './features/practices/practices.admin.routes.ts';
import { competenceRoutes } from './features/competences/competences.routes.ts';
import { competenceApiRoutes } from './features/competences/competences.api.routes.ts';
import { competenceAdminRoutes } from './features/competences/competences.admin.routes.ts';
import { bookletRoutes } from './features/booklet/booklet.routes.ts';
import { credentialRoutes } from './features/credentials/credentials.routes.ts';
import { credentialApiRoutes } from './features/credentials/credentials.api.routes.ts';
import { monitoringRoutes } from './features/monitoring/monitoring.routes.ts';
import { monitoringApiRoutes } from './features/monitoring/monitoring.api.routes.ts';
import { privacyRoutes } from './features/privacy/privacy.routes.ts';
import './data-collectors.ts';
import { questionnairePlanRoutes } from './features/questionnaires/questionnaires.plans.routes.ts';
import { questionnaireManageRoutes } from './features/questionnaires/questionnaires.manage.routes.ts';
import { questionnaireRoutes } from './features/questionnaires/questionnaires.routes.ts';
import { questionnaireApiRoutes } from './features/questionnaires/questionnaires.api.routes.ts';
import { apiCors } from './core/cors.ts';
import { webhookRoutes } from './features/webhooks/webhooks.routes.ts';
import { webhookApiRoutes } from './features/webhooks/webhooks.api.routes.ts';

export const SESSION_COOKIE = 'retespi.sid';
const SESSION_MAX_AGE = 30 * 24 * 60 * 60 * 1000;

export type App = Express & {
  sessionStore: DbSessionStore;
  /** Shared with Socket.IO, so a socket is authenticated by the same session cookie. */
  sessionMiddleware: RequestHandler;
  passport: PassportStatic;
  /** The anonymous pages' HTML cache: main.ts starts its listening for changes and stops it. */
  pageCache: PageCache;
};

export function createApp(deps: Deps): App {
  const { config, log } = deps;
  const app = express() as App;
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', parseQuery);
  setupViews(app);
  // Compiled templates are cached except in development, where edits show up on reload.
  app.set('view cache', config.env !== 'development');
  // Each page's SQL statements, in a response header, for the query-budget tests (not in production).
  if (config.env !== 'production') app.use(countStatements);

  app.use(
    pinoHttp({
      logger: log,
      autoLogging: { ignore: (req) => /^\/(healthz|bootstrap-italia|static)\b/.test(req.url ?? '') },
      // One short line per request: no headers (cookies, tokens) and no query strings in the logs.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    }),
  );
  app.use(securityHeaders(config));
  app.use(rejectNulPaths);
  // CORS for the JSON API (API_CORS_ORIGINS), preflights answered before sessions and CSRF.
  app.use('/api/v1', apiCors(config.apiCorsOrigins));

  const staticOptions = { maxAge: config.env === 'production' ? '7d' : 0, index: false as const };
  app.use(
    '/bootstrap-italia/dist',
    express.static(path.join(ROOT_DIR, 'node_modules/bootstrap-italia/dist'), staticOptions),
  );
  app.use('/static', express.static(path.join(ROOT_DIR, 'public'), staticOptions));

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.database.query('SELECT 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });

  app.use(cookieParser());
  // Anonymous pages from memory, before sessions and body parsing (which such a page never needs).
  const pageCache = createPageCache({ ...config.pageCache, sessionCookie: SESSION_COOKIE });
  app.pageCache = pageCache;
  app.use(pageCache.middleware);
  // 1 MB: a long lesson written in the browser fits.
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.use(express.json({ limit: '1mb' }));
  app.use(cleanBody);

  const sessionStore = new DbSessionStore(deps.database, { pruneEveryMs: config.env === 'test' ? 0 : 60 * 60 * 1000 });
  app.sessionStore = sessionStore;
  app.sessionMiddleware = session({
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    store: sessionStore,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: SESSION_MAX_AGE },
  });
  app.use(app.sessionMiddleware);
  // Core's sign-in asks the accounts feature who people are.
  const authenticator = accountsAuthenticator(deps);
  const passport = createPassport(authenticator);
  app.passport = passport;
  app.use(passport.initialize());
  app.use(passport.session());
  // API clients, and the attachment downloads they link to, authenticate with a bearer token.
  app.use(['/api', '/allegati'], bearerToken(authenticator));
  app.use(['/api', '/allegati'], tokenRateLimit(deps));
  app.use(privateResponses);
  app.use(languageMiddleware);
  app.use(csrfProtection);
  app.use(writeRateLimit(deps));
  app.use(takeFlash);
  app.use(navigation);
  app.use(pageMeta(config.publicUrl));
  app.use((req, res, next) => {
    res.locals.currentUser = req.user;
    res.locals.isAdmin = req.user?.role === 'admin';
    res.locals.isAnimator = req.user?.role === 'admin' || req.user?.role === 'animator';
    res.locals.path = req.path;
    res.locals.currentUrl = req.originalUrl;
    res.locals.accessibilityUrl = config.accessibilityUrl;
    // Signed-in people always have a session, so their logout form can carry a token for free.
    if (req.user && !req.apiTokenId) res.locals.csrfToken = csrfToken(req);
    next();
  });
  // The header's counts (unread notifications and messages), registered by their features.
  app.use(headerCounts(deps.database.db));

  // First of the feature routers: its middleware puts the unread count in every page's header.
  app.use(notificationRoutes(deps));
  // Early too: the header's count of unread private messages, and /messaggi before /messaggi/:id.
  app.use(conversationRoutes(deps));
  app.use(conversationApiRoutes(deps));
  app.use(homeRoutes(deps));
  // Before the accounts' routes: SPID/CIE sign-in, and its hook on sign-out (/esci).
  app.use(oidcRoutes(deps, passport));
  app.use(accountRoutes(deps, passport));
  app.use(memberRoutes(deps));
  app.use(organizationRoutes(deps));
  app.use(groupRoutes(deps));
  app.use(discussionRoutes(deps));
  app.use(discussionApiRoutes(deps));
  app.use(activityRoutes(deps));
  app.use(attachmentRoutes(deps));
  app.use(courseAuthoringRoutes(deps));
  app.use(courseRoutes(deps));
  app.use(eventRoutes(deps));
  app.use(newsletterRoutes(deps));
  app.use(articleRoutes(deps));
  app.use(articleApiRoutes(deps));
  app.use(eventApiRoutes(deps));
  // Before the practice records' routers: their fixed paths (dati.csv, storie/…, /export) are no slugs.
  app.use(practiceCatalogueRoutes(deps));
  app.use(practiceExtrasApiRoutes(deps));
  app.use(practiceFormRoutes(deps));
  app.use(practiceRoutes(deps));
  app.use(practiceApiRoutes(deps));
  app.use(practiceAdminRoutes(deps));
  app.use(competenceRoutes(deps));
  app.use(competenceApiRoutes(deps));
  app.use(competenceAdminRoutes(deps));
  app.use(searchRoutes(deps));
  app.use(exchangeRoutes(deps));
  app.use(exchangeApiRoutes(deps));
  app.use(twinningRoutes(deps));
  app.use(twinningApiRoutes(deps));
  app.use(discoveryRoutes(deps));
  app.use(credentialRoutes(deps));
  app.use(credentialApiRoutes(deps));
  app.use(offerRoutes(deps));
  // Before the admin router: /admin/monitoraggio is for animators too, not only admins.
  app.use(monitoringRoutes(deps));
  app.use(monitoringApiRoutes(deps));
  // Before the admin router: /admin/privacy is its own (personal data: /profilo/dati, DELETE /api/v1/me).
  app.use(privacyRoutes(deps));
  app.use(webhookRoutes(deps));
  app.use(webhookApiRoutes(deps));
  app.use(adminRoutes(deps));
  app.use(bookletRoutes(deps));
  // Questionnaires: plans and the editor's fixed paths (piani, nuovo) before the questionnaires' slugs.
  app.use(questionnairePlanRoutes(deps));
  app.use(questionnaireManageRoutes(deps));
  app.use(questionnaireRoutes(deps));
  app.use(questionnaireApiRoutes(deps));
  app.use(apiDocsRoutes(deps));

  app.use(notFound);
  app.use(adminScopeRefusals);
  app.use(errorHandler(log));
  return app;
}
