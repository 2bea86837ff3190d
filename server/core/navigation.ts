// The main navigation: the platform's areas, in DESIGN.md's order. Labels are i18n keys.
import type { NextFunction, Request, Response } from 'express';

export const MAIN_NAV = [
  { href: '/membri', label: 'nav.members' },
  { href: '/enti', label: 'nav.organizations' },
  { href: '/gruppi', label: 'nav.groups' },
  { href: '/corsi', label: 'nav.courses' },
  { href: '/competenze', label: 'nav.competences' },
  { href: '/buone-pratiche', label: 'nav.practices' },
  { href: '/cerco-offro', label: 'nav.exchange' },
  { href: '/gemellaggi', label: 'nav.twinnings' },
  { href: '/notizie', label: 'nav.news' },
  { href: '/eventi', label: 'nav.events' },
] as const;

export function navigation(req: Request, res: Response, next: NextFunction): void {
  res.locals.nav = MAIN_NAV.map((item) => ({
    ...item,
    active: req.path === item.href || req.path.startsWith(`${item.href}/`),
  }));
  next();
}
