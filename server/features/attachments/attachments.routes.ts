// Attachment upload (/api/v1/attachments) and download (/allegati/:id/:filename).
import { Router, type NextFunction, type Request, type Response } from 'express';
import { requireAuth } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import { uploadedFiles, uploadParser } from '../../core/uploads.ts';
import { openForDownload, uploadAttachment, type AttachmentView } from './attachments.service.ts';

/** RFC 6266: an ASCII fallback for old clients and the exact UTF-8 name for the others. */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const present = (a: AttachmentView) => ({ id: a.id, filename: a.filename, mime: a.mime, size: a.size, url: a.url });

const DOWNLOAD_HEADERS = ['Content-Type', 'Content-Disposition', 'Content-Security-Policy', 'Cache-Control'];

export function attachmentRoutes(deps: Deps): Router {
  const router = Router();

  router.post('/api/v1/attachments', requireAuth, uploadParser(deps.config), async (req, res) => {
    const [file] = uploadedFiles(req);
    if (!file) throw new ValidationError({ file: { key: 'attachments.required' } });
    const attachment = await uploadAttachment(deps, req.user ?? null, file);
    res.status(201).json({ attachment: present(attachment) });
  });

  router.get('/allegati/:id{/:filename}', async (req: Request, res: Response, next: NextFunction) => {
    const raw = String(req.params.id);
    const id = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
    if (!id) throw new NotFoundError();
    const file = await openForDownload(deps, req.user ?? null, id);
    res.setHeader('Content-Type', file.mime);
    res.setHeader('Content-Disposition', contentDisposition(file.inline ? 'inline' : 'attachment', file.filename));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Opened directly, a file runs nothing and loads nothing, whatever it holds.
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    // Never public, and checked again on every use: the group may turn private, or the reader be
    // removed or sign out, and the browser must not keep serving its copy (revalidation is a 304).
    res.setHeader('Cache-Control', 'private, no-cache');
    // The path is ours (storage folder + random key); 'allow' only keeps a dot-folder such as
    // ~/.local in ATTACHMENTS_DIR from being refused.
    res.sendFile(file.path, { cacheControl: false, dotfiles: 'allow' }, (err?: Error & { status?: number }) => {
      if (!err || res.headersSent) return;
      for (const header of DOWNLOAD_HEADERS) res.removeHeader(header);
      next(err.status === 404 ? new NotFoundError() : err);
    });
  });

  return router;
}
