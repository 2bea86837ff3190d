// The Cerco / Offro pages (/cerco-offro): the board with its filters, search and pages, a post's page
// with its matches, the author's forms (new, edit), closing ("risolto"), reopening and extending, and
// "I miei annunci". The JSON API is in exchange.api.routes.ts.
import { Router, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import type { AppError } from '../../core/errors.ts';
import { actorOf, flash, flashRefusal, formPost, formState, idOf } from '../../core/http.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import { matchesFor } from './exchange.matching.service.ts';
import { EXCHANGE_KINDS, EXCHANGE_THEMES, REGIONS } from './exchange.schema.ts';
import * as exchange from './exchange.service.ts';
import { matchView, postView } from './exchange.view.ts';

export function exchangeRoutes(deps: Deps): Router {
  const router = Router();
  const crumbs = (req: Request, ...rest: { label: string; url?: string }[]) => [
    { label: req.t('exchange.title'), ...(rest.length ? { url: '/cerco-offro' } : {}) },
    ...rest,
  ];
  const choices = { kinds: EXCHANGE_KINDS, themes: EXCHANGE_THEMES, regions: REGIONS };

  router.get('/cerco-offro', async (req, res) => {
    const { tipo, tema, regione, q, page } = req.query;
    const result = await exchange.board(deps, { kind: tipo, theme: tema, region: regione, q, page });
    const f = result.filter;
    const query = { tipo: f.kind, tema: f.theme, regione: f.region, q: f.q };
    res.render('exchange/index', {
      title: req.t('exchange.title'),
      breadcrumbs: crumbs(req),
      meta: { description: req.t('exchange.intro') },
      posts: result.rows.map((p) => postView(p)),
      total: result.total,
      query,
      ...choices,
      canPost: Boolean(req.user),
      pagination: paginate('/cerco-offro', query, result.page, result.pages),
    });
  });

  const showForm = (view: 'new' | 'edit') => async (req: Request, res: Response, err?: AppError) => {
    const edit = view === 'edit' ? await exchange.editPostForm(deps, actorOf(req), idOf(req)) : undefined;
    const values = err ? req.body : (edit?.values ?? exchange.newPostForm(actorOf(req)));
    if (!err) req.body = values;
    const title = edit ? req.t('exchange.form.edit_title') : req.t('exchange.form.new_title');
    res.status(err?.status ?? 200).render('exchange/form', {
      title,
      breadcrumbs: crumbs(req, ...(edit ? [{ label: edit.post.title, url: `/cerco-offro/${edit.post.id}` }] : []), {
        label: title,
      }),
      action: edit ? `/cerco-offro/${edit.post.id}/modifica` : '/cerco-offro',
      editing: Boolean(edit),
      ...choices,
      csrf: csrfToken(req),
      ...formState(req, err?.fields),
      formError: err && !err.fields ? req.t(err.key) : undefined,
    });
  };

  router.get('/cerco-offro/nuovo', requireLogin, (req, res) => showForm('new')(req, res));
  router.post(
    '/cerco-offro',
    requireLogin,
    formPost(async (req, res) => {
      const post = await exchange.createPost(deps, actorOf(req), req.body);
      flash(req, 'success', 'exchange.flash.created');
      res.redirect(303, `/cerco-offro/${post.id}`);
    }, showForm('new')),
  );

  router.get('/cerco-offro/miei', requireLogin, async (req, res) => {
    const posts = await exchange.myPosts(deps, actorOf(req));
    res.render('exchange/mine', {
      title: req.t('exchange.mine.title'),
      breadcrumbs: crumbs(req, { label: req.t('exchange.mine.title') }),
      posts: posts.map((p) => postView(p)),
    });
  });

  router.get('/cerco-offro/:id', async (req, res) => {
    const actor = actorOf(req);
    const { post, can } = await exchange.postDetail(deps, actor, idOf(req));
    const matches = await matchesFor(deps, actor, post.id);
    const view = postView(post);
    res.render('exchange/show', {
      title: post.title,
      breadcrumbs: crumbs(req, { label: post.title }),
      meta: { description: `${req.t(view.kindKey)}: ${post.title}`, ...(view.active ? {} : { robots: 'noindex' }) },
      post: view,
      matches: matches.map((m) => matchView(m, req.t, { postId: post.id, contact: can.contactMatches })),
      can,
      writeUrl: can.writeToAuthor ? `/messaggi-privati/nuova?a=${post.authorId}&post=${post.id}` : null,
      csrf: req.user ? csrfToken(req) : undefined,
    });
  });

  router.get('/cerco-offro/:id/modifica', requireLogin, (req, res) => showForm('edit')(req, res));
  router.post(
    '/cerco-offro/:id/modifica',
    requireLogin,
    formPost(async (req, res) => {
      await exchange.updatePost(deps, actorOf(req), idOf(req), req.body);
      flash(req, 'success', 'exchange.flash.updated');
      res.redirect(303, `/cerco-offro/${idOf(req)}`);
    }, showForm('edit')),
  );

  // The author's buttons: refusals (a past expiry) come back as a message on the post's page.
  const action = (path: string, run: (req: Request) => Promise<unknown>, done: string) =>
    router.post(`/cerco-offro/:id/${path}`, requireLogin, async (req, res) => {
      await flashRefusal(req, async () => {
        await run(req);
        flash(req, 'success', done);
      });
      res.redirect(303, `/cerco-offro/${idOf(req)}`);
    });
  action('chiudi', (req) => exchange.closePost(deps, actorOf(req), idOf(req)), 'exchange.flash.closed');
  action(
    'riapri',
    (req) => exchange.updatePost(deps, actorOf(req), idOf(req), { closed: false }),
    'exchange.flash.reopened',
  );
  action('proroga', (req) => exchange.extendPost(deps, actorOf(req), idOf(req), req.body), 'exchange.flash.extended');

  return router;
}
