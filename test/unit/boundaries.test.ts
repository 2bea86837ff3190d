import path from 'node:path';
import { expect } from 'chai';
import { ESLint } from 'eslint';

// The import boundaries of eslint.config.js (`layers/boundaries`), run through ESLint itself on
// made-up files at real paths: what each layer may and may not import, however it is written.
const ROOT = path.resolve(import.meta.dirname, '../..');

describe('import boundaries (eslint.config.js)', function () {
  this.timeout(30_000);
  const eslint = new ESLint({ cwd: ROOT });

  /** The boundary messages ESLint reports for `code` placed at `file`. */
  async function violations(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
    return result!.messages.filter((m) => m.ruleId === 'layers/boundaries').map((m) => m.message);
  }

  const cases: Array<[file: string, code: string, expected: RegExp | null]> = [
    [
      'models/queries/x.ts',
      "import { loadConfig } from '../../server/config.ts';",
      /models\/ imports nothing from server\//,
    ],
    ['models/queries/x.ts', "export type { Deps } from '../../server/core/deps.ts';", /models\/ imports nothing/],
    [
      'models/queries/x.ts',
      "export const later = () => import('../../server/core/time.ts');",
      /models\/ imports nothing/,
    ],
    ['models/queries/x.ts', "import { users } from '../schema.ts';", null],
    [
      'server/core/x.ts',
      "import type { Actor } from '../features/groups/groups.policy.ts';",
      /server\/core\/ imports no feature/,
    ],
    [
      'server/core/x.ts',
      "export * from '../core/../features/accounts/accounts.service.ts';",
      /server\/core\/ imports no feature/,
    ],
    ['server/core/x.ts', "import { now } from './time.ts';", null],
    [
      'server/features/x/x.routes.ts',
      "import type { Db } from '../../../models/db.ts';",
      /a route file does not import models\//,
    ],
    [
      'server/features/x/x.routes.ts',
      "import { REGIONS } from '../../../models/schema.ts';",
      /a route file does not import models\//,
    ],
    ['server/features/x/x.service.ts', "import * as q from '../../../models/queries/groups.ts';", null],
    ['server/features/x/x.routes.ts', "import { canReadGroup } from '../groups/groups.policy.ts';", null],
    ['server/features/x/x.routes.ts', "import { groupView } from '../groups/groups.view.ts';", null],
    ['server/features/x/x.routes.ts', "import { groupInputSchema } from '../groups/groups.schema.ts';", null],
    ['server/features/x/x.service.ts', "import { getGroup } from '../groups/groups.service.ts';", null],
    [
      'server/features/x/x.routes.ts',
      "import { routeId } from '../members/members.routes.ts';",
      /feature "x" may import from feature "members" only/,
    ],
    [
      'server/features/x/x.service.ts',
      "import { hashPassword } from '../accounts/passwords.ts';",
      /feature "x" may import from feature "accounts" only/,
    ],
    ['server/features/x/x.routes.ts', "import { listThings } from './x.service.ts';", null],
    ['server/app.ts', "import { router } from './features/groups/groups.routes.ts';", null],
    ['test/unit/x.test.ts', "import * as q from '../../models/queries/groups.ts';", null],
  ];

  for (const [file, code, expected] of cases) {
    it(`${expected ? 'refuses' : 'allows'} in ${file}: ${code}`, async () => {
      const found = await violations(file, code);
      if (expected) {
        expect(found).to.have.length(1);
        expect(found[0]).to.match(expected);
      } else {
        expect(found).to.deep.equal([]);
      }
    });
  }
});
