import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const serverImport = {
  group: ['@/server', '@/server/*', '**/server/*', '../server', '../../server', '../../../server'],
  message: 'server/ is server-only: components/ and lib/ must not import it (go through app/api or pass data as props).',
};

const demoImport = {
  group: ['@/server/demo', '@/server/demo/*', '**/server/demo', '**/server/demo/*'],
  message: 'Production code never imports server/demo: it reaches the demo mesh through kubeconfig and URLs.',
};

export default [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', '.next-*/**', '.stack-*/**', 'node_modules/**', '.demo/**', 'test-results/**', 'playwright-report/**', '.test-run/**', 'next-env.d.ts'],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'import/no-anonymous-default-export': 'off',
    },
  },
  {
    // Production code never reaches the demo mesh except through kubeconfig and URLs.
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}', 'server/**/*.{ts,tsx}'],
    // Tests may start the demo mesh in-process; production code may not.
    ignores: ['server/demo/**', '**/*.test.ts', '**/*.itest.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [demoImport],
      }],
    },
  },
  {
    // The layering rule of DESIGN.md: lib/ is pure and shared, components/ is client UI.
    files: ['components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [serverImport, demoImport],
      }],
    },
  },
];
