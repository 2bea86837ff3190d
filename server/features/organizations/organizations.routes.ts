// Administrations directory (/enti) and /api/v1/organizations.
import { Router } from 'express';
import { requireAuth } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { memberView } from '../members/members.view.ts';
import { ORGANIZATION_KINDS, REGIONS } from './organizations.schema.ts';
import * as service from './organizations.service.ts';
import { organizationJson } from './organizations.view.ts';

export function organizationRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/enti', async (req, res) => {
    const { filter, organizations } = await service.listOrganizations(deps, req.query);
    res.render('organizations/index', {
      title: req.t('organizations.title'),
      breadcrumbs: [{ label: req.t('organizations.title') }],
      organizations,
      filter,
      regions: REGIONS,
      kinds: ORGANIZATION_KINDS,
    });
  });

  router.get('/enti/:slug', async (req, res) => {
    const { org, members, memberCount } = await service.getOrganization(deps, req.params.slug);
    res.render('organizations/show', {
      title: org.name,
      breadcrumbs: [{ label: req.t('organizations.title'), url: '/enti' }, { label: org.name }],
      org,
      members: members.map((m) => memberView(m, req.user ?? null)),
      memberCount,
    });
  });

  router.get('/api/v1/organizations', async (req, res) => {
    const { organizations } = await service.listOrganizations(deps, req.query);
    res.json({ organizations: organizations.map(organizationJson) });
  });

  router.get('/api/v1/organizations/:slug', async (req, res) => {
    const { org, memberCount } = await service.getOrganization(deps, req.params.slug);
    res.json({ organization: organizationJson({ ...org, memberCount }) });
  });

  router.post('/api/v1/organizations/:slug/verify', requireAuth, async (req, res) => {
    const verified = req.body?.verified !== false;
    const org = await service.setVerified(deps, req.user ?? null, String(req.params.slug), verified);
    res.json({ organization: organizationJson(org) });
  });

  router.post('/api/v1/organizations/:slug/merge', requireAuth, async (req, res) => {
    const { into, moved } = await service.mergeOrganization(deps, req.user ?? null, String(req.params.slug), req.body);
    res.json({ organization: organizationJson(into), movedMembers: moved });
  });

  return router;
}
