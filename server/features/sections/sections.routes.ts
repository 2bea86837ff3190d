// Areas of the platform announced in the navigation whose features are still being built: they
// answer with a page that says what the area will hold, so no navigation link is a dead end.
import { Router } from 'express';
import type { Deps } from '../../core/deps.ts';

export const UPCOMING_SECTIONS = {
  '/gemellaggi': 'twinnings',
} as const;

export function sectionRoutes(_deps: Deps): Router {
  const router = Router();
  for (const [path, key] of Object.entries(UPCOMING_SECTIONS)) {
    router.get(path, (req, res) => {
      res.render('sections/upcoming', {
        title: req.t(`sections.${key}.title`),
        breadcrumbs: [{ label: req.t(`sections.${key}.title`) }],
        section: key,
        intro: req.t(`sections.${key}.intro`),
      });
    });
  }
  return router;
}
