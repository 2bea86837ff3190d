// Discussions: thread pages (/discussioni/:id), posts (/messaggi/:id) and moderation pages. The
// /api/v1 threads and posts resources are in discussions.api.routes.ts.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { excerptOf } from '../notifications/notifications.view.ts';
import { AppError, ValidationError } from '../../core/errors.ts';
import { MAX_ATTACHMENTS_PER_POST, uploadAttachment } from '../attachments/attachments.service.ts';
import { actorOf, flash, flashRefusal, formPost, formState, idOf, slugOf } from '../../core/http.ts';
import { uploadedFiles, uploadParser } from '../../core/uploads.ts';
import { quoteAsMarkdown } from '../../core/markdown.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import { readableGroup } from '../groups/groups.service.ts';
import * as discussions from './discussions.service.ts';
import * as moderation from './moderation.service.ts';
import { canEditPost, canFlag, canReply } from './discussions.policy.ts';

type WithUpload = Request & { uploadError?: ValidationError };

const REACTION_LABELS = { utile: 'react_useful', grazie: 'react_thanks' } as const;

export function discussionRoutes(deps: Deps): Router {
  const router = Router();

  /**
   * Forms may carry files (multipart, field "files"): a bad upload becomes a field error shown on
   * the form, like any other, instead of an error page.
   */
  const parseFiles = uploadParser(deps.config, 'files', MAX_ATTACHMENTS_PER_POST);
  const acceptFiles = (req: Request, res: Response, next: NextFunction) =>
    parseFiles(req, res, (err?: unknown) => {
      if (err instanceof ValidationError) (req as WithUpload).uploadError = err;
      next(err instanceof ValidationError ? undefined : err);
    });
  /** Who may not post here is refused before any upload is read into memory. */
  const mayReply = async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const { thread, access } = await discussions.threadAccess(deps, actorOf(req), idOf(req));
      next(
        canReply(access, thread)
          ? undefined
          : new AppError(
              403,
              'forbidden',
              access.can.post ? 'discussions.errors.locked' : 'discussions.errors.members_only',
            ),
      );
    } catch (err) {
      next(err);
    }
  };
  const mayStartThread = async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const access = await readableGroup(deps, actorOf(req), slugOf(req));
      next(access.can.post ? undefined : new AppError(403, 'forbidden', 'discussions.errors.members_only'));
    } catch (err) {
      next(err);
    }
  };

  /** Stores the request's files and returns the body with their ids added to attachmentIds. */
  const withUploads = async (req: Request): Promise<Record<string, unknown>> => {
    const error = (req as WithUpload).uploadError;
    if (error) throw error;
    const ids: number[] = [];
    for (const file of uploadedFiles(req)) ids.push((await uploadAttachment(deps, actorOf(req), file, 'files')).id);
    const given = req.body?.attachmentIds;
    const existing = given === undefined || given === '' ? [] : Array.isArray(given) ? given : [given];
    return { ...req.body, attachmentIds: [...existing, ...ids] };
  };

  // --- Starting a thread -------------------------------------------------------------------
  const renderNewThread = async (req: Request, res: Response, err?: AppError) => {
    const access = await readableGroup(deps, actorOf(req), slugOf(req));
    if (!access.can.post) throw new AppError(403, 'forbidden', 'discussions.errors.members_only');
    res.status(err?.status ?? 200).render('discussions/new', {
      title: req.t('discussions.new_title'),
      breadcrumbs: [
        { label: req.t('groups.title'), url: '/gruppi' },
        { label: access.group.name, url: `/gruppi/${access.group.slug}` },
        { label: req.t('discussions.new_title') },
      ],
      group: access.group,
      csrf: csrfToken(req),
      ...formState(req, err?.fields),
      formError: err && err.status !== 400 ? req.t(err.key) : undefined,
    });
  };

  router.get('/gruppi/:slug/discussioni/nuova', requireLogin, (req, res) => renderNewThread(req, res));

  router.post(
    '/gruppi/:slug/discussioni',
    requireLogin,
    mayStartThread,
    acceptFiles,
    formPost(async (req, res) => {
      const { thread } = await discussions.createThread(deps, actorOf(req), slugOf(req), await withUploads(req));
      res.redirect(303, `/discussioni/${thread.id}`);
    }, renderNewThread),
  );

  // --- Reading and replying ------------------------------------------------------------------
  const renderThread = async (req: Request, res: Response, replyError?: AppError) => {
    const actor = actorOf(req);
    const id = idOf(req);
    const view = await discussions.readThread(deps, actor, id, req.query);
    let quote = '';
    const quoted = Number(req.query.cita);
    const quotedPost = Number.isSafeInteger(quoted) ? view.posts.find((p) => p.id === quoted && p.visible) : undefined;
    if (quotedPost)
      quote = quoteAsMarkdown(quotedPost.body, quotedPost.authorName ?? '', req.t('discussions.quote_wrote'));
    const opening = view.posts.find((p) => p.position === 1 && p.visible);
    res.status(replyError?.status ?? 200).render('discussions/show', {
      title: view.thread.title,
      meta: { type: 'article', description: opening ? excerptOf(opening.body) : undefined },
      breadcrumbs: [
        { label: req.t('groups.title'), url: '/gruppi' },
        { label: view.access.group.name, url: `/gruppi/${view.access.group.slug}` },
        { label: view.thread.title },
      ],
      thread: view.thread,
      group: view.access.group,
      can: { ...view.access.can, reply: view.canReply },
      following: view.following,
      posts: view.posts.map((p) => ({
        ...p,
        indent: Math.min(p.depth, 2),
        inReplyTo:
          p.parentId && p.parentPosition !== 1 && p.parentPosition !== null
            ? { id: p.parentId, name: p.parentAuthorName }
            : null,
        isFirst: p.position === 1,
      })),
      total: view.total,
      // The reaction buttons of every post, labelled once per page.
      reactionKinds: Object.entries(REACTION_LABELS).map(([kind, key]) => ({
        kind,
        label: req.t(`discussions.${key}`),
      })),
      // The reply links stay on this page: page=N only past the first.
      pageQuery: view.page > 1 ? `page=${view.page}&` : '',
      pagination: paginate(`/discussioni/${id}`, {}, view.page, view.pages),
      page: view.page,
      replyParent: req.query.rispondi ?? req.body?.parentId ?? '',
      replyBody: replyError ? String(req.body?.body ?? '') : quote ? `${quote}\n\n` : '',
      replyErrors: replyError ? formState(req, replyError.fields).errors : {},
      replyHasErrors: Boolean(replyError),
      csrf: actor ? csrfToken(req) : undefined,
    });
  };

  router.get('/discussioni/:id', (req, res) => renderThread(req, res));

  router.post(
    '/discussioni/:id/risposte',
    requireLogin,
    mayReply,
    acceptFiles,
    formPost(async (req, res) => {
      const post = await discussions.createPost(deps, actorOf(req), idOf(req), await withUploads(req));
      const { page } = await discussions.pageOfPost(deps, actorOf(req), post.id);
      res.redirect(303, `/discussioni/${post.threadId}${page > 1 ? `?page=${page}` : ''}#post-${post.id}`);
    }, renderThread),
  );

  router.post('/discussioni/:id/segui', requireLogin, async (req, res) => {
    const on = req.body?.on !== 'false';
    await discussions.setThreadSubscription(deps, actorOf(req), idOf(req), on);
    flash(req, 'success', on ? 'discussions.following' : 'discussions.unfollowed');
    res.redirect(303, `/discussioni/${idOf(req)}`);
  });

  /** Permalink: the page of the thread that holds the post. */
  router.get('/messaggi/:id', async (req, res) => {
    const { threadId, page } = await discussions.pageOfPost(deps, actorOf(req), idOf(req));
    res.redirect(303, `/discussioni/${threadId}${page > 1 ? `?page=${page}` : ''}#post-${idOf(req)}`);
  });

  // --- Editing, deleting, reacting, flagging --------------------------------------------------
  const renderEdit = async (req: Request, res: Response, err?: AppError) => {
    const { post, thread, access } = await discussions.postAccess(deps, actorOf(req), idOf(req));
    if (!err) req.body = { body: post.body };
    res.status(err?.status ?? 200).render('discussions/edit', {
      title: req.t('discussions.edit_title'),
      breadcrumbs: [
        { label: access.group.name, url: `/gruppi/${access.group.slug}` },
        { label: thread.title, url: `/messaggi/${post.id}` },
        { label: req.t('discussions.edit_title') },
      ],
      post,
      csrf: csrfToken(req),
      ...formState(req, err?.fields),
    });
  };

  router.get('/messaggi/:id/modifica', requireLogin, async (req, res) => {
    const { post, access } = await discussions.postAccess(deps, actorOf(req), idOf(req));
    if (!canEditPost(actorOf(req), access, post)) throw new AppError(403, 'forbidden', 'errors.forbidden');
    await renderEdit(req, res);
  });

  router.post(
    '/messaggi/:id/modifica',
    requireLogin,
    formPost(async (req, res) => {
      const post = await discussions.editPost(deps, actorOf(req), idOf(req), req.body);
      flash(req, 'success', 'discussions.edited');
      res.redirect(303, `/messaggi/${post.id}`);
    }, renderEdit),
  );

  router.post('/messaggi/:id/elimina', requireLogin, async (req, res) => {
    const { threadId } = await discussions.deletePost(deps, actorOf(req), idOf(req), req.body?.reason);
    flash(req, 'success', 'discussions.deleted');
    res.redirect(303, `/discussioni/${threadId}`);
  });

  // The thread page's reaction buttons share one form: reaction=<post>:<kind>, or <post>:<kind>:off to take it back.
  router.post('/discussioni/:id/reazioni', requireLogin, async (req, res) => {
    const [post, kind, off] = String(req.body?.reaction ?? '').split(':');
    const postId = /^\d{1,9}$/.test(post ?? '') ? Number(post) : 0;
    await discussions.react(deps, actorOf(req), postId, { kind }, off !== 'off');
    res.redirect(303, `/messaggi/${postId}`);
  });

  router.post('/messaggi/:id/reazioni', requireLogin, async (req, res) => {
    await discussions.react(deps, actorOf(req), idOf(req), req.body, req.body?.on !== 'false');
    res.redirect(303, `/messaggi/${idOf(req)}`);
  });

  const renderFlag = async (req: Request, res: Response, err?: AppError) => {
    const { post, thread, access } = await discussions.postAccess(deps, actorOf(req), idOf(req));
    // A hidden post cannot be flagged, and its words are not shown on this page.
    if (!canFlag(actorOf(req), access, post)) throw new AppError(403, 'forbidden', 'discussions.errors.cannot_flag');
    res.status(err?.status ?? 200).render('discussions/flag', {
      title: req.t('discussions.flag_title'),
      breadcrumbs: [
        { label: access.group.name, url: `/gruppi/${access.group.slug}` },
        { label: thread.title, url: `/messaggi/${post.id}` },
        { label: req.t('discussions.flag_title') },
      ],
      post,
      csrf: csrfToken(req),
      ...formState(req, err?.fields),
    });
  };

  router.get('/messaggi/:id/segnala', requireLogin, (req, res) => renderFlag(req, res));

  router.post(
    '/messaggi/:id/segnala',
    requireLogin,
    formPost(async (req, res) => {
      await discussions.flagPost(deps, actorOf(req), idOf(req), req.body);
      flash(req, 'success', 'discussions.flagged');
      res.redirect(303, `/messaggi/${idOf(req)}`);
    }, renderFlag),
  );

  router.get('/messaggi/:id/cronologia', requireLogin, async (req, res) => {
    const { post, thread, access, revisions } = await discussions.postHistory(deps, actorOf(req), idOf(req));
    res.render('discussions/history', {
      title: req.t('discussions.history_title'),
      breadcrumbs: [
        { label: access.group.name, url: `/gruppi/${access.group.slug}` },
        { label: thread.title, url: `/messaggi/${post.id}` },
        { label: req.t('discussions.history_title') },
      ],
      post,
      revisions,
    });
  });

  // --- Moderation -----------------------------------------------------------------------------
  const moderationAction = (
    path: string,
    run: (req: Request) => Promise<unknown>,
    message: string,
    back: (req: Request) => string,
  ) =>
    router.post(path, requireLogin, async (req, res) => {
      await run(req);
      flash(req, 'success', message);
      res.redirect(
        303,
        typeof req.body?.back === 'string' && /^\/(?![/\\])/.test(req.body.back) ? req.body.back : back(req),
      );
    });

  moderationAction(
    '/messaggi/:id/nascondi',
    (req) => moderation.setPostHidden(deps, actorOf(req), idOf(req), true, req.body),
    'discussions.mod.hidden',
    (req) => `/messaggi/${idOf(req)}`,
  );
  moderationAction(
    '/messaggi/:id/ripristina',
    (req) => moderation.setPostHidden(deps, actorOf(req), idOf(req), false, req.body),
    'discussions.mod.restored',
    (req) => `/messaggi/${idOf(req)}`,
  );
  moderationAction(
    '/messaggi/:id/ignora-segnalazioni',
    (req) => moderation.dismissFlags(deps, actorOf(req), idOf(req), req.body),
    'discussions.mod.dismissed',
    () => '/admin/segnalazioni',
  );
  moderationAction(
    '/discussioni/:id/blocca',
    (req) => moderation.setThreadFlag(deps, actorOf(req), idOf(req), 'locked', true, req.body),
    'discussions.mod.locked',
    (req) => `/discussioni/${idOf(req)}`,
  );
  moderationAction(
    '/discussioni/:id/sblocca',
    (req) => moderation.setThreadFlag(deps, actorOf(req), idOf(req), 'locked', false, req.body),
    'discussions.mod.unlocked',
    (req) => `/discussioni/${idOf(req)}`,
  );
  moderationAction(
    '/discussioni/:id/fissa',
    (req) => moderation.setThreadFlag(deps, actorOf(req), idOf(req), 'pinned', true, req.body),
    'discussions.mod.pinned',
    (req) => `/discussioni/${idOf(req)}`,
  );
  moderationAction(
    '/discussioni/:id/sgancia',
    (req) => moderation.setThreadFlag(deps, actorOf(req), idOf(req), 'pinned', false, req.body),
    'discussions.mod.unpinned',
    (req) => `/discussioni/${idOf(req)}`,
  );

  router.post('/discussioni/:id/sposta', requireLogin, async (req, res) => {
    await flashRefusal(req, async () => {
      await moderation.moveThread(deps, actorOf(req), idOf(req), req.body);
      flash(req, 'success', 'discussions.mod.moved');
    });
    res.redirect(303, `/discussioni/${idOf(req)}`);
  });

  const renderQueue = async (req: Request, res: Response, slug?: string) => {
    const { access, flags } = await moderation.flagQueue(deps, actorOf(req), slug);
    res.render('discussions/flags', {
      title: req.t('discussions.queue_title'),
      breadcrumbs: access
        ? [
            { label: access.group.name, url: `/gruppi/${access.group.slug}` },
            { label: req.t('discussions.queue_title') },
          ]
        : [{ label: req.t('discussions.queue_title') }],
      group: access?.group,
      flags,
      back: req.originalUrl,
      csrf: csrfToken(req),
    });
  };
  router.get('/admin/segnalazioni', requireLogin, (req, res) => renderQueue(req, res));
  router.get('/gruppi/:slug/segnalazioni', requireLogin, (req, res) => renderQueue(req, res, slugOf(req)));

  const renderAudit = async (req: Request, res: Response, slug?: string) => {
    const { access, entries } = await moderation.auditLog(deps, actorOf(req), slug);
    res.render('discussions/audit', {
      title: req.t('discussions.audit_title'),
      breadcrumbs: access
        ? [
            { label: access.group.name, url: `/gruppi/${access.group.slug}` },
            { label: req.t('discussions.audit_title') },
          ]
        : [{ label: req.t('discussions.audit_title') }],
      group: access?.group,
      entries: entries.map((e) => ({
        ...e,
        actionLabel: req.t(`discussions.audit.${e.action}`, { defaultValue: e.action }),
      })),
    });
  };
  router.get('/admin/registro', requireLogin, (req, res) => renderAudit(req, res));
  router.get('/gruppi/:slug/registro', requireLogin, (req, res) => renderAudit(req, res, slugOf(req)));

  return router;
}
