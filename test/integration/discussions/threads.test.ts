import { expect } from 'chai';
import request from 'supertest';
import { createGroup, createReply, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent } from '../../helpers/http.ts';

describe('threads and posts', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });
  const count = async (table: string) =>
    (await ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const auth = async (u: { email: string; password: string }) => ({
    authorization: `Bearer ${await apiToken(ctx.app, u.email, u.password)}`,
  });

  it('creates a thread and its first post together, and publishes thread.created and post.created', async () => {
    const { group, owner } = await createGroup(ctx);
    const events: string[] = [];
    ctx.bus.subscribe('*', (e) => {
      events.push(e.type);
    });
    const res = await request(ctx.app)
      .post(`/api/v1/groups/${group.slug}/threads`)
      .set(await auth(owner))
      .send({ title: 'La DID e il patto di servizio', body: 'Come gestite **la DID** allo sportello?' })
      .expect(201);
    expect(res.body.thread).to.include({
      title: 'La DID e il patto di servizio',
      postCount: 1,
      url: `/discussioni/${res.body.thread.id}`,
    });
    expect(res.body.post.bodyHtml).to.equal('<p>Come gestite <strong>la DID</strong> allo sportello?</p>\n');
    await ctx.settle();
    expect(events).to.include.members(['thread.created', 'post.created']);
  });

  it('rejects bad input with the field named and writes nothing', async () => {
    const { group, owner } = await createGroup(ctx);
    const headers = await auth(owner);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ title: 'Titolo valido', body: '' }, 'body', /Scrivi il testo/],
      [{ title: 'Titolo valido', body: '   ' }, 'body', /Scrivi il testo/],
      [{ title: 'Titolo valido', body: 'x'.repeat(100_001) }, 'body', /100\.000 caratteri/],
      [{ title: 'T'.repeat(500), body: 'Testo' }, 'title', /al massimo 200 caratteri/],
      [{ body: 'Testo' }, 'title', /obbligatorio/],
    ];
    for (const [body, field, message] of cases) {
      const res = await request(ctx.app)
        .post(`/api/v1/groups/${group.slug}/threads`)
        .set(headers)
        .send(body)
        .expect(400);
      expect(res.body.error.fields[field], field).to.match(message);
    }
    expect(await count('threads')).to.equal(0);
    expect(await count('posts')).to.equal(0);
  });

  it('rolls back the thread when its first post cannot be written', async () => {
    const { group, owner } = await createGroup(ctx);
    const res = await request(ctx.app)
      .post(`/api/v1/groups/${group.slug}/threads`)
      .set(await auth(owner))
      .send({ title: 'Con allegato inesistente', body: 'Testo', attachmentIds: [987654] })
      .expect(400);
    expect(res.body.error.fields).to.have.property('attachmentIds');
    expect(await count('threads')).to.equal(0);
    expect(await count('posts')).to.equal(0);
  });

  it('threads replies under their parent and refuses parents from elsewhere', async () => {
    const { group, owner } = await createGroup(ctx);
    const { thread, post: first } = await createThread(ctx, owner, group);
    const { thread: other } = await createThread(ctx, owner, group, { title: 'Altra discussione' });
    const a = await createReply(ctx, owner, thread, 'Risposta A');
    const b = await createReply(ctx, owner, thread, 'Risposta B');
    const a1 = await createReply(ctx, owner, thread, 'Risposta ad A', a.id);
    const a1x = await createReply(ctx, owner, thread, 'Risposta alla risposta ad A', a1.id);
    const toFirst = await createReply(ctx, owner, thread, 'Risposta al primo messaggio', first.id);
    const res = await request(ctx.app).get(`/api/v1/threads/${thread.id}`).expect(200);
    expect(res.body.posts.map((p: { id: number }) => p.id)).to.deep.equal([
      first.id,
      a.id,
      a1.id,
      a1x.id,
      b.id,
      toFirst.id,
    ]);
    expect(res.body.posts.map((p: { depth: number }) => p.depth)).to.deep.equal([0, 0, 1, 2, 0, 0]);
    const page = await request(ctx.app).get(`/discussioni/${thread.id}`).expect(200);
    expect(page.text).to.match(new RegExp(`id="post-${a1x.id}" class="post post-depth-2`));
    expect(page.text).to.match(/in risposta a <a href="#post-\d+">/);

    const headers = await auth(owner);
    const foreign = await createReply(ctx, owner, other, 'Altrove');
    for (const parentId of [foreign.id, 999999]) {
      const bad = await request(ctx.app)
        .post(`/api/v1/threads/${thread.id}/posts`)
        .set(headers)
        .send({ body: 'x', parentId })
        .expect(400);
      expect(bad.body.error.fields.parentId).to.equal('Il messaggio a cui rispondi non esiste in questa discussione.');
    }
    const notNumber = await request(ctx.app)
      .post(`/api/v1/threads/${thread.id}/posts`)
      .set(headers)
      .send({ body: 'x', parentId: 'abc' })
      .expect(400);
    expect(notNumber.body.error.fields).to.have.property('parentId');
  });

  it('replies through the page form and lands on the new post; errors keep the text', async () => {
    const member = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [member] });
    const { thread } = await createThread(ctx, owner, group);
    const agent = await signedInAgent(ctx.app, member.email, member.password);
    const page = await agent.get(`/discussioni/${thread.id}`).expect(200);
    const csrf = csrfFrom(page.text);
    const bad = await agent
      .post(`/discussioni/${thread.id}/risposte`)
      .type('form')
      .send({ _csrf: csrf, body: '' })
      .expect(400);
    expect(bad.text).to.match(/id="f-body-error"[^>]*>Scrivi il testo/);
    const ok = await agent
      .post(`/discussioni/${thread.id}/risposte`)
      .type('form')
      .send({ _csrf: csrf, body: 'Grazie per la condivisione!' })
      .expect(303);
    expect(ok.headers.location).to.match(new RegExp(`^/discussioni/${thread.id}#post-\\d+$`));
    const after = await agent.get(`/discussioni/${thread.id}`).expect(200);
    expect(after.text).to.contain('Grazie per la condivisione!');
    // Quoting pre-fills the reply box with the quoted post.
    const quoted = await agent.get(`/discussioni/${thread.id}?rispondi=1&cita=1`).expect(200);
    expect(quoted.text).to.match(/<textarea[^>]*>&gt; \*\*[^<]+\*\* ha scritto:/);
  });

  it('attaches files to a reply from the page form; a disguised executable is refused next to the field', async () => {
    const member = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [member] });
    const { thread } = await createThread(ctx, owner, group);
    const agent = await signedInAgent(ctx.app, member.email, member.password);
    const csrf = csrfFrom((await agent.get(`/discussioni/${thread.id}`).expect(200)).text);
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);
    const bad = await agent
      .post(`/discussioni/${thread.id}/risposte?_csrf=${encodeURIComponent(csrf)}`)
      .field('body', 'Ecco il programma')
      .attach('files', exe, 'verbale.pdf')
      .expect(400);
    expect(bad.text).to.match(/id="f-files-error"/);
    expect(bad.text).to.contain('Ecco il programma');
    await agent
      .post(`/discussioni/${thread.id}/risposte`)
      .field('body', 'Senza token')
      .attach('files', pdf, 'verbale.pdf')
      .expect(403);
    const ok = await agent
      .post(`/discussioni/${thread.id}/risposte?_csrf=${encodeURIComponent(csrf)}`)
      .field('body', 'In allegato il verbale della riunione')
      .attach('files', pdf, 'verbale riunione.pdf')
      .expect(303);
    const postId = Number(/#post-(\d+)$/.exec(ok.headers.location!)![1]);
    const rows = await ctx.database.query<{ post_id: number; mime: string; filename: string }>(
      'SELECT post_id, mime, filename FROM attachments',
    );
    expect(rows).to.deep.equal([{ post_id: postId, mime: 'application/pdf', filename: 'verbale riunione.pdf' }]);
    const page = await request(ctx.app).get(`/discussioni/${thread.id}`).expect(200);
    const link = /href="(\/allegati\/\d+\/[^"]+)">verbale riunione\.pdf</.exec(page.text)![1]!;
    const file = await request(ctx.app).get(link).expect(200);
    expect(file.headers['content-type']).to.equal('application/pdf');
  });

  it('keeps locked threads closed to members but open to moderators', async () => {
    const member = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [member] });
    const { thread } = await createThread(ctx, owner, group);
    await request(ctx.app)
      .post(`/api/v1/threads/${thread.id}/lock`)
      .set(await auth(owner))
      .send({ reason: 'Discussione conclusa' })
      .expect(200);
    const res = await request(ctx.app)
      .post(`/api/v1/threads/${thread.id}/posts`)
      .set(await auth(member))
      .send({ body: 'Ancora una cosa' })
      .expect(403);
    expect(res.body.error.message).to.equal('La discussione è chiusa.');
    await request(ctx.app)
      .post(`/api/v1/threads/${thread.id}/posts`)
      .set(await auth(owner))
      .send({ body: 'Nota finale del moderatore' })
      .expect(201);
  });

  it('edits keep a history visible to moderators only; deletes are soft', async () => {
    const member = await createUser(ctx);
    const other = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [member, other] });
    const { thread } = await createThread(ctx, owner, group);
    const post = await createReply(ctx, member, thread, 'Prima versione');
    const events: string[] = [];
    ctx.bus.subscribe('post.edited', (e) => {
      events.push(e.type);
    });
    await request(ctx.app)
      .patch(`/api/v1/posts/${post.id}`)
      .set(await auth(other))
      .send({ body: 'Vandalismo' })
      .expect(403);
    const edited = await request(ctx.app)
      .patch(`/api/v1/posts/${post.id}`)
      .set(await auth(member))
      .send({ body: 'Seconda versione' })
      .expect(200);
    expect(edited.body.post.bodyHtml).to.contain('Seconda versione');
    expect(edited.body.post.editedAt).to.be.a('string');
    await ctx.settle();
    expect(events).to.deep.equal(['post.edited']);
    await request(ctx.app)
      .get(`/api/v1/posts/${post.id}/revisions`)
      .set(await auth(member))
      .expect(403);
    const history = await request(ctx.app)
      .get(`/api/v1/posts/${post.id}/revisions`)
      .set(await auth(owner))
      .expect(200);
    expect(history.body.revisions.map((r: { body: string }) => r.body)).to.deep.equal(['Prima versione']);

    await request(ctx.app)
      .delete(`/api/v1/posts/${post.id}`)
      .set(await auth(other))
      .expect(403);
    await request(ctx.app)
      .delete(`/api/v1/posts/${post.id}`)
      .set(await auth(member))
      .expect(204);
    const view = await request(ctx.app).get(`/api/v1/threads/${thread.id}`).expect(200);
    const deleted = view.body.posts.find((p: { id: number }) => p.id === post.id);
    expect(deleted).to.include({ deleted: true, bodyHtml: null });
    const page = await request(ctx.app).get(`/discussioni/${thread.id}`).expect(200);
    expect(page.text).to.contain('Messaggio eliminato.').and.not.to.contain('Seconda versione');
    expect(await count('posts')).to.equal(2);
  });

  it('counts one reaction per person per kind', async () => {
    const member = await createUser(ctx);
    const outsider = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [member] });
    const { post } = await createThread(ctx, owner, group);
    const headers = await auth(member);
    await request(ctx.app).post(`/api/v1/posts/${post.id}/reactions`).set(headers).send({ kind: 'utile' }).expect(200);
    const twice = await request(ctx.app)
      .post(`/api/v1/posts/${post.id}/reactions`)
      .set(headers)
      .send({ kind: 'utile' })
      .expect(200);
    expect(twice.body.reactions).to.deep.equal({ utile: 1, grazie: 0, mine: ['utile'] });
    const both = await request(ctx.app)
      .post(`/api/v1/posts/${post.id}/reactions`)
      .set(await auth(owner))
      .send({ kind: 'grazie' })
      .expect(200);
    expect(both.body.reactions).to.include({ utile: 1, grazie: 1 });
    const removed = await request(ctx.app)
      .delete(`/api/v1/posts/${post.id}/reactions`)
      .set(headers)
      .send({ kind: 'utile' })
      .expect(200);
    expect(removed.body.reactions).to.deep.equal({ utile: 0, grazie: 1, mine: [] });
    await request(ctx.app)
      .post(`/api/v1/posts/${post.id}/reactions`)
      .set(headers)
      .send({ kind: 'mi piace' })
      .expect(400);
    await request(ctx.app)
      .post(`/api/v1/posts/${post.id}/reactions`)
      .set(await auth(outsider))
      .send({ kind: 'utile' })
      .expect(403);
  });

  it('links @mentions to profiles, records them and names them in the event', async () => {
    const lucia = await createUser(ctx, { name: 'Lucia Bianchi' });
    const { group, owner } = await createGroup(ctx, { members: [lucia] });
    const { thread } = await createThread(ctx, owner, group);
    await ctx.settle(); // the first post's event is delivered before the reply's is watched
    const seen: number[][] = [];
    ctx.bus.subscribe('post.created', (e) => {
      seen.push(e.payload.mentionedUserIds);
    });
    const res = await request(ctx.app)
      .post(`/api/v1/threads/${thread.id}/posts`)
      .set(await auth(owner))
      .send({ body: `Chiedo a @${lucia.handle} e a @nessuno.qui; non a lucia@esempio.it né in \`@${lucia.handle}\`.` })
      .expect(201);
    expect(lucia.handle).to.equal('lucia.bianchi');
    expect(res.body.post.bodyHtml).to.contain(`<a class="mention" href="/membri/${lucia.id}"`);
    expect(res.body.post.bodyHtml).to.contain('@nessuno.qui').and.not.to.contain('href="/membri/undefined"');
    await ctx.settle();
    expect(seen).to.deep.equal([[lucia.id]]);
    const rows = await ctx.database.query<{ user_id: number }>('SELECT user_id FROM mentions WHERE post_id = $1', [
      res.body.post.id,
    ]);
    expect(rows.map((r) => r.user_id)).to.deep.equal([lucia.id]);
  });

  it('stores sanitized HTML: no script, handlers or javascript: links reach a page', async () => {
    const { group, owner } = await createGroup(ctx);
    const vectors = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[clicca](javascript:alert(1))',
      '<a href="javascript:alert(1)">x</a>',
      '![x](https://evil.example/track.png)',
      '<svg onload=alert(1)>',
      '<iframe src="https://evil.example"></iframe>',
    ];
    const { thread } = await createThread(ctx, owner, group, { body: vectors.join('\n\n') });
    const stored = await ctx.database.query<{ body_html: string }>('SELECT body_html FROM posts');
    const page = await request(ctx.app).get(`/discussioni/${thread.id}`).expect(200);
    const shown = /<div class="post-body">([\s\S]*?)<\/div>\s*<footer/.exec(page.text)![1]!;
    expect(page.text).not.to.match(/<script(?![^>]*\bsrc="\/)/i);
    for (const html of [stored[0]!.body_html, shown]) {
      expect(html).not.to.match(/<script(?![^>]*\bsrc="\/)/i);
      expect(html).not.to.match(/<(iframe|svg)\b/i);
      expect(html).not.to.match(/<[a-z][^>]*\son(error|load)=/i);
      expect(html).not.to.match(/<a\b[^>]*href="javascript:/i);
      expect(html).not.to.match(/<img\b[^>]*src="https:\/\/evil/i);
    }
  });

  it('marks unread replies per person', async () => {
    const member = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [member] });
    const { thread } = await createThread(ctx, owner, group);
    const memberAuth = await auth(member);
    await request(ctx.app).get(`/api/v1/threads/${thread.id}`).set(memberAuth).expect(200);
    await createReply(ctx, owner, thread, 'Novità 1');
    await createReply(ctx, owner, thread, 'Novità 2');
    const list = await request(ctx.app).get(`/api/v1/groups/${group.slug}/threads`).set(memberAuth).expect(200);
    expect(list.body.threads[0].unread).to.equal(2);
    const agent = await signedInAgent(ctx.app, member.email, member.password);
    const page = await agent.get(`/discussioni/${thread.id}`).expect(200);
    expect(page.text.match(/class="post post-depth-0 post-unread"/g)).to.have.length(2);
    const after = await request(ctx.app).get(`/api/v1/groups/${group.slug}/threads`).set(memberAuth).expect(200);
    expect(after.body.threads[0].unread).to.equal(0);
  });

  it('pages a thread of 1,000 replies in threaded order, 50 at a time', async () => {
    const { group, owner } = await createGroup(ctx);
    const { thread } = await createThread(ctx, owner, group);
    // Bulk insert straight into the table: the service path is covered above; this checks paging.
    await ctx.database.query(
      `INSERT INTO posts (thread_id, author_id, position, depth, sort_path, body, body_html)
       SELECT $1, $2, g, 0, lpad(g::text, 6, '0'), 'Risposta ' || g, '<p>Risposta ' || g || '</p>' FROM generate_series(2, 1001) g`,
      [thread.id, owner.id],
    );
    await ctx.database.query('UPDATE threads SET last_position = 1001, post_count = 1001 WHERE id = $1', [thread.id]);
    const first = await request(ctx.app).get(`/api/v1/threads/${thread.id}`).expect(200);
    expect(first.body).to.include({ page: 1, pages: 21, total: 1001 });
    expect(first.body.posts).to.have.length(50);
    const last = await request(ctx.app).get(`/api/v1/threads/${thread.id}?page=21`).expect(200);
    expect(last.body.posts).to.have.length(1);
    expect(last.body.posts[0].bodyHtml).to.equal('<p>Risposta 1001</p>');
    const middle = await request(ctx.app).get(`/discussioni/${thread.id}?page=11`).expect(200);
    expect(middle.text).to.contain('Risposta 501').and.to.contain('Risposta 550').and.not.to.contain('Risposta 551<');
    const post = await ctx.database.query<{ id: number }>(`SELECT id FROM posts WHERE body = 'Risposta 777'`);
    const link = await request(ctx.app).get(`/messaggi/${post[0]!.id}`).expect(303);
    expect(link.headers.location).to.equal(`/discussioni/${thread.id}?page=16#post-${post[0]!.id}`);
  });
});
