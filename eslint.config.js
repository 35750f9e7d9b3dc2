import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ROLE_NAMES = 'coordinator|hotline_officer|partner_caseworker|coach|management|auditor|administrator';

/** SECURITY: a decision by role name outside the domain is a rule written twice; use the domain's role groups. */
const noRoleLiteral = {
  selector: `Literal[value=/^(${ROLE_NAMES})$/]`,
  message: 'No role names outside packages/domain: use a role group (DUTY_ROLES, leadsCases …) or an ability.',
};

/** SQL belongs in *.repository.ts (and db/): a service calls a repository function. */
const noSqlCall = (object) => ({
  selector: `CallExpression[callee.property.name=/^(select|selectDistinct|insert|update|delete|execute|transaction)$/][callee.object.${object}=/^(tx|db)$/]`,
  message: 'SQL only in *.repository.ts or db/: move this query into the module’s repository.',
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.tools/**', 'data/**', 'data-demo/**', '.test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // SECURITY: personal data must never reach a log line by accident.
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits is a write that may not happen, or an error that
    // escapes the request (and its audit entry); a promise passed where a callback returns void
    // is the same fault in disguise.
    files: ['packages/**/*.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['packages/server/drizzle.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-for-in-array': 'error',
    },
  },
  {
    files: ['packages/server/src/cli/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'packages/server/test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['packages/server/src/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', noRoleLiteral, noSqlCall('name'), noSqlCall('property.name')] },
  },
  {
    files: ['packages/server/src/**/*.repository.ts', 'packages/server/src/db/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', noRoleLiteral] },
  },
  {
    files: ['packages/web/src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-syntax': ['error', noRoleLiteral] },
  },
  {
    files: ['packages/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
