import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** One lint setup for the whole repo; type-aware so floating promises in PTY/WebSocket code are caught. */
export default tseslint.config(
  { ignores: ['**/dist/**', '**/.next/**', '**/node_modules/**', '**/coverage/**', '**/*.mjs', '**/*.cjs', '**/next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      'no-console': 'error',
    },
  },
  {
    // STYLE.md: each app or package reads its environment in one env.ts, parsed there; the rest gets values from it.
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: "Read environment variables in this app's or package's env.ts and take them from there." },
      ],
    },
  },
  {
    // Tests, harnesses, benches and build/tool configs set up processes: they may read and pass environments directly.
    files: ['**/env.ts', '**/*.test.ts', '**/testing/**/*.ts', '**/testing.ts', '**/e2e/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts', '**/*.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/testing/**/*.ts', '**/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // A command evaluates only the schema modules it imports (the package index builds every schema): values come from a subpath.
    files: ['apps/cli/src/**/*.ts'],
    ignores: ['apps/cli/src/docs/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: '@maestro/schemas', allowTypeImports: true, message: "Import values from the defining module, e.g. '@maestro/schemas/task'." }] },
      ],
    },
  },
);
