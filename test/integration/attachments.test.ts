import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { listThreadPosts } from '../../models/queries/posts.ts';
import { addMembership, deleteMembership, insertGroup } from '../../models/queries/groups.ts';
import { attachments, posts, threads, type GroupRole, type GroupVisibility } from '../../models/schema.ts';
import { ValidationError } from '../../server/core/errors.ts';
import { toSessionUser } from '../../server/features/accounts/accounts.service.ts';
import {
  toAttachmentView,
  deleteStaleUploads,
  linkAttachments,
  uploadAttachment,
} from '../../server/features/attachments/attachments.service.ts';
import { createUser } from '../factories.ts';
import { testContext, type TestContext } from '../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent } from '../helpers/http.ts';

// Real minimal files: the checks read their bytes, so fakes would prove nothing.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const JPG = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffd9',
  'hex',
);
// A Windows executable starts with "MZ" and points to its "PE" header.
const EXE = (() => {
  const b = Buffer.alloc(512);
  b.write('MZ');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
})();

/** A zip of stored (uncompressed) entries: enough for file-type to read OOXML and OpenDocument. */
function zip(entries: [string, string][]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const fileName = Buffer.from(name);
    const data = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    parts.push(local, fileName, data);
    central.push(entry, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

const DOCX = zip([
  [
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  ],
  ['word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'],
]);
const ODT = zip([
  ['mimetype', 'application/vnd.oasis.opendocument.text'],
  ['content.xml', '<office:document-content/>'],
]);

/** A compound file (Office 97–2003 container) whose directory holds the given streams. */
function cfb(streams: string[]): Buffer {
  const b = Buffer.alloc(512 * 3);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(b);
  b.writeUInt16LE(9, 0x1e); // 512-byte sectors
  b.writeUInt32LE(0, 0x30); // the directory starts in sector 0 (offset 512)
  const entry = (i: number, name: string, kind: number) => {
    const at = 512 + i * 128;
    b.write(name, at, 'utf16le');
    b.writeUInt16LE((name.length + 1) * 2, at + 0x40);
    b[at + 0x42] = kind;
  };
  entry(0, 'Root Entry', 5);
  streams.forEach((name, i) => entry(i + 1, name, 2));
  return b;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('attachments', () => {
  let ctx: TestContext;
  let dir: string;
  let n = 0;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'retespi-attachments-'));
    ctx = await testContext({ ATTACHMENTS_DIR: dir });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A group of the given visibility with one thread and one post (built directly: the discussions service is separate). */
  async function postInGroup(visibility: GroupVisibility, post: { hidden?: boolean; deleted?: boolean } = {}) {
    const db = ctx.database.db;
    n += 1;
    const group = await insertGroup(db, { slug: `gruppo-${n}`, name: `Gruppo ${n}`, visibility });
    const [thread] = await db
      .insert(threads)
      .values({ groupId: group.id, title: 'Tirocini e politiche attive', postCount: 1, lastPosition: 1 })
      .returning();
    const [row] = await db
      .insert(posts)
      .values({
        threadId: thread!.id,
        position: 1,
        sortPath: '000001',
        body: 'Vi allego la relazione.',
        bodyHtml: '<p>Vi allego la relazione.</p>',
        hiddenAt: post.hidden ? new Date() : null,
        deletedAt: post.deleted ? new Date() : null,
      })
      .returning();
    return { group, thread: thread!, post: row! };
  }

  async function member(groupId: number, role: GroupRole = 'member', status: 'active' | 'pending' = 'active') {
    const user = await createUser(ctx);
    await addMembership(ctx.database.db, { groupId, userId: user.id, role, status });
    return user;
  }

  /** An upload by `user` linked to `postId` (or left unattached). */
  async function attachment(
    user: Parameters<typeof toSessionUser>[0],
    postId: number | null,
    bytes: Buffer = PDF,
    name = 'relazione.pdf',
  ) {
    const view = await uploadAttachment(ctx, toSessionUser(user), {
      buffer: bytes,
      originalname: name,
      size: bytes.length,
    });
    if (postId) await linkAttachments(ctx.database.db, [view.id], user.id, postId);
    return view;
  }

  describe('upload', () => {
    it('stores a PDF by content: 201, the MIME read from the bytes, sha256, size and the file on disk', async () => {
      const user = await createUser(ctx);
      const token = await apiToken(ctx.app, user.email, user.password);
      const res = await request(ctx.app)
        .post('/api/v1/attachments')
        .set('Authorization', `Bearer ${token}`)
        .attach('file', PDF, { filename: 'Relazione attività 2026.pdf', contentType: 'image/png' })
        .expect(201);
      const { attachment: body } = res.body;
      expect(body).to.include({ filename: 'Relazione attività 2026.pdf', mime: 'application/pdf', size: PDF.length });
      expect(body.url).to.equal(`/allegati/${body.id}/${encodeURIComponent('Relazione attività 2026.pdf')}`);
      const [row] = await ctx.database.db.select().from(attachments).where(eq(attachments.id, body.id));
      expect(row).to.include({ uploaderId: user.id, postId: null, mime: 'application/pdf', size: PDF.length });
      expect(row!.sha256).to.equal(createHash('sha256').update(PDF).digest('hex'));
      const stored = await filesUnder(dir);
      expect(stored).to.deep.equal([
        path.join(dir, row!.storageKey.slice(0, 2), row!.storageKey.slice(2, 4), row!.storageKey),
      ]);
      expect((await readFile(stored[0]!)).equals(PDF)).to.equal(true);
    });

    it('accepts images and office documents, old and new, whatever the browser claims', async () => {
      const user = await createUser(ctx);
      const token = await apiToken(ctx.app, user.email, user.password);
      const cases: [Buffer, string, string, string][] = [
        [PNG, 'foto.png', 'image/png', 'foto.png'],
        [JPG, 'foto.JPEG', 'image/jpeg', 'foto.jpeg'],
        [
          DOCX,
          'verbale.docx',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'verbale.docx',
        ],
        [ODT, 'verbale.odt', 'application/vnd.oasis.opendocument.text', 'verbale.odt'],
        [cfb(['WordDocument', 'SummaryInformation']), 'vecchio.doc', 'application/msword', 'vecchio.doc'],
        [cfb(['Workbook']), 'tabella.xls', 'application/vnd.ms-excel', 'tabella.xls'],
        [cfb(['PowerPoint Document']), 'slide.ppt', 'application/vnd.ms-powerpoint', 'slide.ppt'],
        // The name follows the content, so the file opens with the right program.
        [PDF, 'in-realta-un-pdf.docx', 'application/pdf', 'in-realta-un-pdf.docx.pdf'],
      ];
      for (const [bytes, name, mime, filename] of cases) {
        const res = await request(ctx.app)
          .post('/api/v1/attachments')
          .set('Authorization', `Bearer ${token}`)
          .attach('file', bytes, { filename: name, contentType: 'application/octet-stream' });
        expect(res.status, name).to.equal(201);
        expect(res.body.attachment, name).to.include({ mime, filename });
      }
    });

    it('refuses an executable renamed .pdf with a 400 that names the field, and stores nothing', async () => {
      const user = await createUser(ctx);
      const token = await apiToken(ctx.app, user.email, user.password);
      const res = await request(ctx.app)
        .post('/api/v1/attachments')
        .set('Authorization', `Bearer ${token}`)
        .attach('file', EXE, { filename: 'fattura.pdf', contentType: 'application/pdf' })
        .expect(400);
      expect(res.body.error.code).to.equal('validation');
      expect(res.body.error.fields.file).to.match(/Tipo di file non ammesso/);
      expect(await ctx.database.db.select().from(attachments)).to.have.length(0);
      expect(await filesUnder(dir)).to.deep.equal([]);
    });

    it('refuses scripts, other compound files and empty files by their content', async () => {
      const user = await createUser(ctx);
      const token = await apiToken(ctx.app, user.email, user.password);
      const cases: [Buffer, string, RegExp][] = [
        [Buffer.from('#!/bin/sh\nrm -rf ~\n'), 'verbale.docx', /Tipo di file non ammesso/],
        [cfb(['SummaryInformation', 'MsiDigitalSignatureEx']), 'installa.doc', /Tipo di file non ammesso/],
        [Buffer.alloc(0), 'vuoto.pdf', /vuoto/],
      ];
      for (const [bytes, name, message] of cases) {
        const res = await request(ctx.app)
          .post('/api/v1/attachments')
          .set('Authorization', `Bearer ${token}`)
          .attach('file', bytes, { filename: name });
        expect(res.status, name).to.equal(400);
        expect(res.body.error.fields.file, name).to.match(message);
      }
      const english = await request(ctx.app)
        .post('/api/v1/attachments?lang=en')
        .set('Authorization', `Bearer ${token}`)
        .attach('file', EXE, { filename: 'fattura.pdf' })
        .expect(400);
      expect(english.body.error.fields.file).to.match(/File type not allowed/);
      expect(await filesUnder(dir)).to.deep.equal([]);
    });

    it('answers 400 naming the field when the file is missing or not the only one', async () => {
      const user = await createUser(ctx);
      const token = await apiToken(ctx.app, user.email, user.password);
      const none = await request(ctx.app)
        .post('/api/v1/attachments')
        .set('Authorization', `Bearer ${token}`)
        .field('note', 'x')
        .expect(400);
      expect(none.body.error.fields).to.have.key('file');
      const json = await request(ctx.app)
        .post('/api/v1/attachments')
        .set('Authorization', `Bearer ${token}`)
        .send({ file: 'x' })
        .expect(400);
      expect(json.body.error.fields).to.have.key('file');
      const two = await request(ctx.app)
        .post('/api/v1/attachments')
        .set('Authorization', `Bearer ${token}`)
        .attach('file', PDF, 'a.pdf')
        .attach('file', PDF, 'b.pdf')
        .expect(400);
      expect(two.body.error.fields).to.have.key('file');
      const elsewhere = await request(ctx.app)
        .post('/api/v1/attachments')
        .set('Authorization', `Bearer ${token}`)
        .attach('upload', PDF, 'a.pdf')
        .expect(400);
      expect(elsewhere.body.error.fields).to.have.key('file');
    });

    it('answers 400 (not 500) for a file over the limit', async () => {
      const user = await createUser(ctx);
      const token = await apiToken(ctx.app, user.email, user.password);
      // The default limit is 10 MB; one byte more is refused.
      expect(ctx.config.attachmentMaxBytes).to.equal(10 * 1024 * 1024);
      const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1 - PDF.length, 0x20)]);
      const res = await request(ctx.app)
        .post('/api/v1/attachments')
        .set('Authorization', `Bearer ${token}`)
        .attach('file', big, 'grande.pdf')
        .expect(400);
      expect(res.body.error.code).to.equal('validation');
      expect(res.body.error.fields.file).to.equal('Il file supera la dimensione massima di 10 MB.');
      expect(await filesUnder(dir)).to.deep.equal([]);

      const small = await testContext({ ATTACHMENTS_DIR: dir, ATTACHMENT_MAX_BYTES: String(PDF.length) });
      const owner = await createUser(small);
      const smallToken = await apiToken(small.app, owner.email, owner.password);
      await request(small.app)
        .post('/api/v1/attachments')
        .set('Authorization', `Bearer ${smallToken}`)
        .attach('file', PDF, 'giusto.pdf')
        .expect(201);
      const over = await request(small.app)
        .post('/api/v1/attachments')
        .set('Authorization', `Bearer ${smallToken}`)
        .attach('file', Buffer.concat([PDF, Buffer.from(' ')]), 'troppo.pdf')
        .expect(400);
      expect(over.body.error.fields).to.have.key('file');
    });

    it('needs a signed-in person: anonymous uploads get a 401 in JSON', async () => {
      const res = await request(ctx.app).post('/api/v1/attachments').attach('file', PDF, 'a.pdf').expect(401);
      expect(res.body.error.code).to.equal('unauthorized');
      expect(await filesUnder(dir)).to.deep.equal([]);
    });

    it('takes the form token from ?_csrf= for multipart uploads from the browser, and only for those', async () => {
      const user = await createUser(ctx);
      const agent = await signedInAgent(ctx.app, user.email, user.password);
      const csrf = csrfFrom((await agent.get(`/membri/${user.id}/modifica`).expect(200)).text);
      await agent.post('/api/v1/attachments').attach('file', PDF, 'a.pdf').expect(403);
      await agent.post('/api/v1/attachments?_csrf=sbagliato').attach('file', PDF, 'a.pdf').expect(403);
      const ok = await agent
        .post(`/api/v1/attachments?_csrf=${encodeURIComponent(csrf)}`)
        .attach('file', PDF, 'a.pdf')
        .expect(201);
      expect(ok.body.attachment.mime).to.equal('application/pdf');
      await agent.post('/api/v1/attachments').set('x-csrf-token', csrf).attach('file', PNG, 'a.png').expect(201);
      // A form post that is not multipart still needs the token in its body.
      await agent
        .post(`/membri/${user.id}/modifica?_csrf=${encodeURIComponent(csrf)}`)
        .type('form')
        .send({ name: 'Altro Nome', jobTitle: 'Orientatrice', region: 'Lazio', organization: 'CPI di Roma' })
        .expect(403);
    });

    it('keeps a safe display name: no folders, control or direction-override characters, at most 200 characters', async () => {
      const user = await createUser(ctx);
      const actor = toSessionUser(user);
      const upload = (originalname: string) =>
        uploadAttachment(ctx, actor, { buffer: PDF, originalname, size: PDF.length });
      expect((await upload('..\\..\\windows\\system32\\nota.pdf')).filename).to.equal('nota.pdf');
      expect((await upload('../../etc/passwd')).filename).to.equal('passwd.pdf');
      expect((await upload('fattura\u202Efdp.exe')).filename).to.equal('fatturafdp.exe.pdf');
      expect((await upload('a\u0000b\nc\t.pdf')).filename).to.equal('ab c.pdf');
      expect((await upload('  relazione   finale .PDF ')).filename).to.equal('relazione finale.pdf');
      expect((await upload('...')).filename).to.equal('allegato.pdf');
      const long = (await upload(`${'è'.repeat(300)}.pdf`)).filename;
      expect(long)
        .to.have.length(200)
        .and.match(/^è+\.pdf$/);
    });

    it('removes the stored file when the row cannot be written', async () => {
      const ghost = {
        id: 999_999,
        name: 'Nessuno',
        email: 'nessuno@esempio.it',
        role: 'member' as const,
        organizationId: null,
        locale: 'it',
      };
      let failed = false;
      await uploadAttachment(ctx, ghost, { buffer: PDF, originalname: 'a.pdf', size: PDF.length }).catch(
        () => (failed = true),
      );
      expect(failed).to.equal(true);
      expect(await filesUnder(dir)).to.deep.equal([]);
    });
  });

  describe('download', () => {
    it('serves a public group’s attachment to anyone, with headers that keep it inert and private', async () => {
      const { group, post } = await postInGroup('public');
      const owner = await member(group.id);
      const view = await attachment(owner, post.id, PDF, 'Relazione attività 2026.pdf');
      const res = await request(ctx.app)
        .get(view.url)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).to.equal('application/pdf');
      expect(res.headers['content-disposition']).to.equal(
        `attachment; filename="Relazione attivit_ 2026.pdf"; filename*=UTF-8''${encodeURIComponent('Relazione attività 2026.pdf')}`,
      );
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect(res.headers['content-security-policy']).to.equal("default-src 'none'; sandbox");
      expect(res.headers['cache-control']).to.equal('private, no-cache');
      expect((res.body as Buffer).equals(PDF)).to.equal(true);
      // The name in the address is cosmetic; the id alone is enough.
      await request(ctx.app).get(`/allegati/${view.id}`).expect(200);
      expect(await ctx.database.query('SELECT 1 FROM sessions')).to.have.length(0);
    });

    it('shows images inline and everything else as a download', async () => {
      const { group, post } = await postInGroup('public');
      const owner = await member(group.id);
      const image = await attachment(owner, post.id, PNG, 'grafico.png');
      const res = await request(ctx.app).get(image.url).expect(200);
      expect(res.headers['content-type']).to.equal('image/png');
      expect(res.headers['content-disposition']).to.match(/^inline; /);
      expect(res.headers['content-security-policy']).to.equal("default-src 'none'; sandbox");
      const doc = await attachment(owner, post.id, DOCX, 'verbale.docx');
      const word = await request(ctx.app).get(doc.url).expect(200);
      expect(word.headers['content-disposition']).to.match(/^attachment; /);
    });

    for (const visibility of ['private', 'closed'] as const) {
      it(`serves a ${visibility} group’s attachment to members and admins only (404 for the others)`, async () => {
        const { group, post } = await postInGroup(visibility);
        const author = await member(group.id);
        const view = await attachment(author, post.id);
        const insider = await member(group.id);
        const pending = await member(group.id, 'member', 'pending');
        const outsider = await createUser(ctx);
        const admin = await createUser(ctx, { role: 'admin' });
        await request(ctx.app).get(view.url).expect(404);
        await (await signedInAgent(ctx.app, outsider.email, outsider.password)).get(view.url).expect(404);
        await (await signedInAgent(ctx.app, pending.email, pending.password)).get(view.url).expect(404);
        await (await signedInAgent(ctx.app, insider.email, insider.password)).get(view.url).expect(200);
        await (await signedInAgent(ctx.app, admin.email, admin.password)).get(view.url).expect(200);
      });
    }

    it('makes the browser check a private attachment on every use, and serves it to an API token (findings 6, 10)', async () => {
      const { group, post } = await postInGroup('private');
      const author = await member(group.id);
      const reader = await member(group.id);
      const view = await attachment(author, post.id);
      const agent = await signedInAgent(ctx.app, reader.email, reader.password);
      const first = await agent.get(view.url).expect(200);
      expect(first.headers['cache-control']).to.equal('private, no-cache');
      expect(first.headers.vary).to.match(/Cookie/);
      const etag = first.headers.etag;
      expect(etag).to.be.a('string');
      // Unchanged and still allowed: a 304, without the bytes.
      await agent.get(view.url).set('If-None-Match', etag!).expect(304);
      // API clients fetch the file with their token; a wrong token is a 401, not an anonymous 404.
      const token = await apiToken(ctx.app, reader.email, reader.password);
      const byToken = await request(ctx.app).get(view.url).set('Authorization', `Bearer ${token}`).expect(200);
      expect(byToken.headers['cache-control']).to.equal('private, no-cache');
      await request(ctx.app).get(view.url).set('Authorization', 'Bearer sbagliato').expect(401);
      // Once removed from the group, the copy the browser holds is no longer confirmed.
      await deleteMembership(ctx.database.db, group.id, reader.id);
      await agent.get(view.url).set('If-None-Match', etag!).expect(404);
      await request(ctx.app).get(view.url).set('Authorization', `Bearer ${token}`).expect(404);
    });

    it('shows an upload not yet in a post to its uploader only', async () => {
      const { group } = await postInGroup('public');
      const uploader = await member(group.id);
      const other = await member(group.id);
      const view = await attachment(uploader, null);
      await (await signedInAgent(ctx.app, uploader.email, uploader.password)).get(view.url).expect(200);
      await (await signedInAgent(ctx.app, other.email, other.password)).get(view.url).expect(404);
      await request(ctx.app).get(view.url).expect(404);
    });

    it('hides a hidden post’s attachment from members but not from the group’s moderators; a deleted post’s from everyone', async () => {
      const { group, post } = await postInGroup('public', { hidden: true });
      const author = await member(group.id);
      const view = await attachment(author, post.id);
      const plain = await member(group.id);
      const moderator = await member(group.id, 'moderator');
      await request(ctx.app).get(view.url).expect(404);
      await (await signedInAgent(ctx.app, plain.email, plain.password)).get(view.url).expect(404);
      const moderatorAgent = await signedInAgent(ctx.app, moderator.email, moderator.password);
      await moderatorAgent.get(view.url).expect(200);
      await ctx.database.db.update(posts).set({ deletedAt: new Date() }).where(eq(posts.id, post.id));
      await moderatorAgent.get(view.url).expect(404);
    });

    it('answers 404 for unknown or malformed ids and for a file missing from storage', async () => {
      await request(ctx.app).get('/allegati/424242/x.pdf').expect(404);
      await request(ctx.app).get('/allegati/abc').expect(404);
      await request(ctx.app).get('/allegati/99999999999999999999').expect(404);
      const { group, post } = await postInGroup('public');
      const view = await attachment(await member(group.id), post.id);
      await rm(dir, { recursive: true, force: true });
      const res = await request(ctx.app).get(view.url).expect(404);
      expect(res.headers['content-disposition']).to.equal(undefined);
    });
  });

  describe('linking to posts', () => {
    it('links the uploader’s own unattached uploads, all or none', async () => {
      const { group, post } = await postInGroup('public');
      const { post: otherPost } = await postInGroup('public');
      const author = await member(group.id);
      const stranger = await member(group.id);
      const mine = await attachment(author, null);
      const theirs = await attachment(stranger, null);
      const expectRefused = async (ids: number[]) => {
        const err = await linkAttachments(ctx.database.db, ids, author.id, post.id).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).to.be.instanceOf(ValidationError);
        expect((err as ValidationError).fields).to.have.key('attachmentIds');
      };
      await expectRefused([mine.id, theirs.id]);
      await expectRefused([424242]);
      const rows = () =>
        ctx.database.db
          .select({ id: attachments.id, postId: attachments.postId })
          .from(attachments)
          .orderBy(attachments.id);
      expect(await rows()).to.deep.equal([
        { id: mine.id, postId: null },
        { id: theirs.id, postId: null },
      ]);

      await linkAttachments(ctx.database.db, [mine.id, mine.id], author.id, post.id);
      await linkAttachments(ctx.database.db, [], author.id, post.id);
      expect(await rows()).to.deep.equal([
        { id: mine.id, postId: post.id },
        { id: theirs.id, postId: null },
      ]);
      // Already linked: not again, not elsewhere.
      await expectRefused([mine.id]);
      const err = await linkAttachments(ctx.database.db, [mine.id], author.id, otherPost.id).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(ValidationError);
    });

    it('rolls back with the post’s transaction', async () => {
      const { group, post } = await postInGroup('public');
      const author = await member(group.id);
      const mine = await attachment(author, null);
      await ctx.database.db
        .transaction(async (tx) => {
          await linkAttachments(tx, [mine.id], author.id, post.id);
          throw new Error('post failed');
        })
        .catch(() => undefined);
      const [row] = await ctx.database.db.select().from(attachments).where(eq(attachments.id, mine.id));
      expect(row!.postId).to.equal(null);
    });

    it('lists each post’s attachments with the posts of its thread page', async () => {
      const { group, post: first } = await postInGroup('public');
      const { post: second } = await postInGroup('public');
      const { post: empty } = await postInGroup('public');
      const author = await member(group.id);
      const a = await attachment(author, first.id, PDF, 'uno.pdf');
      const b = await attachment(author, first.id, PNG, 'due.png');
      const c = await attachment(author, second.id, PDF, 'tre.pdf');
      await attachment(author, null);
      const filesOf = async (post: { id: number; threadId: number }) => {
        const rows = await listThreadPosts(ctx.database.db, post.threadId, { limit: 50, offset: 0 });
        return rows.find((r) => r.id === post.id)!.files.map(toAttachmentView);
      };
      expect(await filesOf(first)).to.deep.equal([
        {
          id: a.id,
          filename: 'uno.pdf',
          mime: 'application/pdf',
          size: PDF.length,
          url: `/allegati/${a.id}/uno.pdf`,
          isImage: false,
        },
        {
          id: b.id,
          filename: 'due.png',
          mime: 'image/png',
          size: PNG.length,
          url: `/allegati/${b.id}/due.png`,
          isImage: true,
        },
      ]);
      expect((await filesOf(second)).map((v) => v.id)).to.deep.equal([c.id]);
      expect(await filesOf(empty)).to.deep.equal([]);
    });

    it('deletes stale unattached uploads with their files, and nothing else', async () => {
      const { group, post } = await postInGroup('public');
      const author = await member(group.id);
      const linked = await attachment(author, post.id);
      const stale = await attachment(author, null);
      await ctx.database.db.update(attachments).set({ createdAt: new Date(Date.now() - 2 * 86_400_000) });
      const fresh = await attachment(author, null);
      expect(await deleteStaleUploads(ctx, new Date(Date.now() - 86_400_000))).to.equal(1);
      const left = await ctx.database.db.select({ id: attachments.id }).from(attachments).orderBy(attachments.id);
      expect(left.map((r) => r.id)).to.deep.equal([linked.id, fresh.id]);
      expect(left.map((r) => r.id)).not.to.include(stale.id);
      expect(await filesUnder(dir)).to.have.length(2);
    });
  });
});
