// Attachment upload (/api/v1/attachments) and download (/allegati/:id).
import { Router } from 'express';
import type { Deps } from '../../core/deps.ts';

export function attachmentRoutes(_deps: Deps): Router {
  return Router();
}
