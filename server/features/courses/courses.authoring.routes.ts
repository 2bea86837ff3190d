// Course authoring in the browser (animators): being built.
import { Router } from 'express';
import type { Deps } from '../../core/deps.ts';

export function courseAuthoringRoutes(_deps: Deps): Router {
  return Router();
}
