// ESLint for the whole code base: typescript-eslint's recommended rules, the layering of DESIGN.md
// and STYLE.md enforced on resolved import paths (the `layers/boundaries` rule below), and
// eslint-config-prettier last so that formatting is Prettier's job alone (`npm run lint` runs both).
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

/*
 * The layering, checked on the file an import resolves to (not on how the specifier is spelt, so
 * `../x/../../models/db.ts` cannot slip past), for static imports, `export … from`, `import()` and
 * `import('…').Type`, type-only imports included:
 *
 * - `models/` imports nothing from `server/` (it is the query layer under everything else);
 * - `server/core/` imports no feature (`server/features/**`): core is what every feature builds on;
 * - route files (`server/features/**\/*.routes.ts`) do not import `models/`: they parse, call one
 *   service and present (STYLE.md habit 1);
 * - a file of feature A imports from another feature B only B's public surface:
 *   - `*.service.ts`: the use cases; "to change another feature's data, call that feature's service";
 *   - `*.policy.ts`: pure `canX(user, thing)` functions. Other features must ask the owner's policy
 *     instead of re-deriving its rule (the group-visibility rule copied nine times is what issue 10
 *     removes): today admin, members, notifications and organizations read accounts' role checks and
 *     attachments and notifications read groups' visibility;
 *   - `*.view.ts`: pure row → view-model presenters, so an activity item or a member card looks the
 *     same on every page that shows one (home, groups, members and organizations use them today);
 *   - `*.schema.ts`: zod schemas and their inferred types, no behaviour; the OpenAPI document
 *     (api-docs) is built from every feature's schemas.
 *   Everything else is private to its feature: route files (their helpers belong in core/http.ts),
 *   subscribers, storage, and any other module (name a split service `*.service.ts` to publish it).
 * The composition root (server/app.ts, main.ts, boot.ts, cli.ts, jobs.ts, subscribers.ts,
 * realtime/, demo/) and test/ and bench/ may import anything.
 */
const FEATURES = 'server/features/';
const PUBLIC_SURFACE = /\.(service|policy|view|schema)\.ts$/;

/** Why importing `to` from `from` (both relative to the repository root, with /) breaks the layering, or null. */
function boundaryViolation(from, to) {
  if (from.startsWith('models/') && to.startsWith('server/')) return 'models/ imports nothing from server/';
  if (from.startsWith('server/core/') && to.startsWith(FEATURES)) return 'server/core/ imports no feature';
  if (from.startsWith(FEATURES) && from.endsWith('.routes.ts') && to.startsWith('models/')) {
    return 'a route file does not import models/: call a service';
  }
  if (from.startsWith(FEATURES) && to.startsWith(FEATURES)) {
    const [fromFeature] = from.slice(FEATURES.length).split('/');
    const [toFeature] = to.slice(FEATURES.length).split('/');
    if (fromFeature !== toFeature && !PUBLIC_SURFACE.test(to)) {
      return `feature "${fromFeature}" may import from feature "${toFeature}" only its *.service.ts, *.policy.ts, *.view.ts or *.schema.ts`;
    }
  }
  return null;
}

const layers = {
  rules: {
    boundaries: {
      meta: {
        type: 'problem',
        docs: { description: 'Enforces the import boundaries between models/, server/core/ and the features' },
        schema: [],
        messages: { violation: '{{reason}} (imports {{target}})' },
      },
      create(context) {
        const from = path.relative(ROOT, context.filename).split(path.sep).join('/');
        const check = (node) => {
          const specifier = node?.type === 'Literal' && typeof node.value === 'string' ? node.value : null;
          if (!specifier || !(specifier.startsWith('.') || specifier.startsWith('/'))) return;
          const target = path.resolve(path.dirname(context.filename), specifier);
          const to = path.relative(ROOT, target).split(path.sep).join('/');
          const reason = boundaryViolation(from, to);
          if (reason) context.report({ node, messageId: 'violation', data: { reason, target: to } });
        };
        return {
          ImportDeclaration: (node) => check(node.source),
          ExportNamedDeclaration: (node) => check(node.source),
          ExportAllDeclaration: (node) => check(node.source),
          ImportExpression: (node) => check(node.source),
          TSImportType: (node) =>
            check(node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
        };
      },
    },
  },
};

export default defineConfig(
  globalIgnores(['node_modules/', 'dist/', 'data/', 'coverage/', 'public/build/', 'courses/', '.scratch/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: globals.node },
    rules: {
      // `_`-prefixed names are the code base's way to say "deliberately unused" (Express error
      // handlers need four parameters, destructuring drops a field).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // The Markdown sanitiser and its tests strip control characters on purpose (browsers ignore
      // them inside "java\tscript:"), so a regex naming \u0000–\u001f is the point, not a slip.
      'no-control-regex': 'off',
      // `declare global { namespace Express { … } }` is how Express's types are augmented.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // chai's property assertions (`expect(x).to.be.true`, `.and.not.NaN`) are expressions.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Tests walk JSON response bodies, which supertest already types as `any`.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['public/js/**/*.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['server/**/*.ts', 'models/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/boundaries': 'error' },
  },
  prettier,
);
