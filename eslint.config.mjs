// Lint rules for every source file (`npm run lint`, part of `npm test`). TypeScript files get the
// type-aware rules that catch real bugs here: floating and misused promises (an unhandled
// rejection would reach the customer's page) and unchecked `any`. Formatting is Prettier's job.
// The import restrictions keep the architecture's arrows one way (docs/architecture.md).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

/** Imports (regular expressions) a folder of src/ must not make, with the reason shown to whoever tries. */
function forbidImports(files, regexes, why) {
  return { files, rules: { 'no-restricted-imports': ['error', { patterns: regexes.map((regex) => ({ regex, message: why })) }] } }
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.e2e-tmp/', '**/generated-types.ts'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
      ]
    }
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node }, sourceType: 'commonjs' },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_' }] }
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
  { files: ['demo/public/**/*.js'], languageOptions: { globals: { ...globals.browser }, sourceType: 'script' } },
  { files: ['src/__tests__/**/*.js'], languageOptions: { globals: { ...globals.jest } } },
  forbidImports(
    ['src/shared/**'],
    ['^\\.\\./(?!messages/(shared|account|settings)$)', '^@optimizely/', '^@segment/browser-destination-runtime'],
    'src/shared is used by both modes: it imports nothing else from src/ but the messages both modes share, and no browser-only package.'
  ),
  forbidImports(
    ['src/messages/**'],
    ['^(?!\\./)'],
    'src/messages is the message catalogue at the bottom of every arrow: it imports nothing outside itself.'
  ),
  forbidImports(
    ['src/!(messages|__tests__)/**', 'src/*.ts'],
    ['messages/catalogue$'],
    'src/messages/catalogue.ts lists every part for the tests and docs; code imports the part it shows (so each bundle carries only its own messages).'
  ),
  forbidImports(
    ['src/cloud/**'],
    [
      '^(\\.\\./)+(capture|client|consent|decisions|trackEvent|web|index)(/|$)',
      '^(\\.\\./)+messages/(page|ownClient|decisions|audience|consent|mappingKit)$',
      '^@optimizely/',
      '^@segment/browser-destination-runtime'
    ],
    "the cloud module runs on Segment's servers: it may use src/shared, never browser code or the SDK."
  ),
  forbidImports(
    ['src/capture/**'],
    ['^@', '^(\\.\\./)+(?!client/namespacedStorage$)'],
    'src/capture runs before everything else and must stay tiny: no package, and from src/ only the storage prefix.'
  ),
  forbidImports(
    ['src/client/**'],
    ['^(\\.\\./)+(trackEvent|decisions|capture|consent|cloud|index)(/|$)'],
    'src/client sits below the definition, its action, src/decisions and src/consent: it must not import them or the cloud module.'
  ),
  forbidImports(
    ['src/consent/**'],
    ['^(\\.\\./)+(trackEvent|decisions|cloud|index)(/|$)'],
    'src/consent sits below the definition, its action and src/decisions: it must not import them or the cloud module.'
  ),
  forbidImports(
    ['src/decisions/**'],
    ['^(\\.\\./)+(trackEvent|cloud|index)(/|$)'],
    'src/decisions sits below the definition and its action: it must not import them or the cloud module.'
  ),
  prettier
)
