// Guards that the type checker alone does not give (issue 10, "guarded layering"): a promise nobody
// awaits loses its error; a switch over a union that misses a new member silently does nothing;
// a value import of a type-only name drags a module (and its side effects) into a bundle.
// Only these rules: style is not this file's business.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'data/**'] },
  {
    files: ['src/**/*.ts', 'web/src/**/*.{ts,tsx}', 'test/**/*.ts', 'bench/**/*.ts', 'bin/**/*.mjs'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        // bin/ is plain JavaScript outside tsconfig.json; the project service still types it.
        projectService: { allowDefaultProject: ['bin/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        // A `default:` is a deliberate catch-all; a switch without one must name every member.
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
    },
  },
  {
    // import type is TypeScript syntax: the rule has nothing to say about the .mjs entry point.
    files: ['src/**/*.ts', 'web/src/**/*.{ts,tsx}', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
);
