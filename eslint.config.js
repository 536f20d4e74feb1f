import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist', 'coverage', 'node_modules', '.doc-examples', 'docs/api'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The pure core. The store, the SQL adapter and the CLI sit at the edge: they do I/O.
    files: ['src/**/*.ts'],
    ignores: [
      'src/testing/**',
      'src/store/in-memory.ts',
      'src/store/handler.ts',
      'src/postgres/**',
      'src/cli/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ThrowStatement', message: 'The core never throws: return a DomainError.' },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The core never reads the clock: time arrives in the command context.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The core never reads the clock: time arrives in the command context.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'The core is deterministic: ids arrive in the command context.',
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
)
