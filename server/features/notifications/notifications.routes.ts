// Notification centre (/notifiche) and /api/v1/notifications.
import { Router } from 'express';
import type { Deps } from '../../core/deps.ts';

export function notificationRoutes(_deps: Deps): Router {
  return Router();
}
