// Shapes of the demo content (see data.ts). Dates are offsets in days before the seeding moment,
// so the demo always looks recent.
import type {
  GroupRole,
  GroupVisibility,
  KitKind,
  OrganizationKind,
  PracticeComponent,
  PracticeIndicator,
  PracticeLink,
  PracticeStatus,
  PracticeTheme,
  ReuseStatus,
  Role,
  StoryStatus,
  TerritorialLevel,
} from '../../models/schema.ts';

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

/** A good practice of the registry (practices-data.ts), with its validation, reuses and stories. */
export type DemoPractice = {
  slug: string;
  title: string;
  summary: string; // one or two sentences
  description: string; // Markdown, several paragraphs
  organization: string; // lead owner: slug of a DemoOrganization
  coOwners: string[]; // further organization slugs
  contact: string; // member key
  authors: string[]; // member keys; the first created it, the others are co-authors
  region: string;
  territorialLevel: TerritorialLevel;
  theme: PracticeTheme;
  targetUsers: string;
  objectives: string;
  results: string;
  indicators: PracticeIndicator[]; // date: 'YYYY-MM-DD' or null
  resources: string;
  costs: string;
  reuseRequirements: string;
  licence: string; // e.g. 'CC BY 4.0', 'EUPL 1.2'
  startedOn: string | null; // 'YYYY-MM-DD'
  endedOn: string | null;
  links: PracticeLink[];
  components: PracticeComponent[]; // e.g. Modello A … E
  kit: { kind: KitKind; title: string; url: string }[];
  tags: string[];
  status: PracticeStatus;
  createdDaysAgo: number;
  /** For published/archived/validated practices: the protocol's outcome. */
  validation?: {
    validator: string; // member key of an animator, never one of the authors
    decisionDaysAgo: number;
    scores: Partial<
      Record<
        'efficacia' | 'trasferibilita' | 'sostenibilita' | 'innovazione' | 'coerenza-quadri',
        { score: 1 | 2 | 3 | 4; note: string }
      >
    >;
    strengths: string;
    weaknesses: string;
    comment: string;
  };
  /** An earlier round sent back with comments before the validation above. */
  returned?: { validator: string; daysAgo: number; comment: string };
  publishedDaysAgo?: number;
  /** Changes published after the first version (each becomes a new version). */
  revisions?: {
    daysAgo: number;
    note: string;
    changes: { summary?: string; results?: string; description?: string };
  }[];
  reuses: {
    organization: string;
    declaredBy: string; // member key of that organization
    status: ReuseStatus;
    startedOn: string | null;
    components: string[]; // component codes
    adaptationNotes: string;
    outcome: string;
    daysAgo: number;
  }[];
  stories: { author: string; title: string; body: string; status: StoryStatus; daysAgo: number }[];
};

/** A Cerco/Offro post (exchange-data.ts); `expectedBestMatch` labels the matching evaluation set. */
export type DemoExchangePost = {
  key: string; // stable handle, e.g. "cerco-accoglienza-over50"
  kind: 'cerco' | 'offro';
  author: string; // member key
  organization: string; // the author's organization slug
  title: string;
  description: string; // Markdown, one or two paragraphs
  theme: PracticeTheme;
  region: string;
  practice?: string; // slug of a DemoPractice it refers to (typically for 'offro')
  createdDaysAgo: number;
  expiresInDays?: number; // default: 6 months after creation
  /** What a careful human would rank first among the opposite-kind posts and published practices. */
  expectedBestMatch?: { kind: 'exchange'; key: string } | { kind: 'practice'; slug: string };
};
