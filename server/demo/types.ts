// Shapes of the demo content (see data.ts). Dates are offsets in days before the seeding moment,
// so the demo always looks recent.
import type { GroupRole, GroupVisibility, OrganizationKind, Role } from '../../models/schema.ts';

export type DemoOrganization = {
  slug: string;
  name: string;
  kind: OrganizationKind;
  region: string; // one of REGIONS in models/schema.ts
  verified: boolean;
};

export type DemoMember = {
  key: string; // stable handle used by memberships, e.g. "giuliana.ruiu"
  name: string;
  email: string; // @example.org / @esempio.it addresses only
  role: Role;
  organization: string; // slug of a DemoOrganization
  jobTitle: string;
  region: string;
  bio: string;
  joinedDaysAgo: number;
  lastLoginDaysAgo: number | null;
};

export type DemoGroup = {
  slug: string;
  name: string;
  description: string;
  theme: string;
  visibility: GroupVisibility;
  owner: string; // member key
  createdDaysAgo: number;
  members: { key: string; role: GroupRole }[];
};

export type DemoContent = {
  organizations: DemoOrganization[];
  members: DemoMember[];
  groups: DemoGroup[];
};
