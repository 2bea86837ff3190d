// An administration as the JSON API shows it.
import type { Organization } from '../../../models/schema.ts';

export function organizationJson(o: Organization & { memberCount?: number }) {
  return {
    slug: o.slug,
    name: o.name,
    kind: o.kind,
    region: o.region,
    verified: o.verified,
    ...(o.memberCount !== undefined ? { memberCount: o.memberCount } : {}),
    url: `/enti/${o.slug}`,
  };
}
