import base from '../../tools/eslint/base.config.mjs';

export default [
  ...base,
  {
    // The scheduling engine is pure: its source imports nothing but its own modules.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts', 'src/test/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\.{1,2}/)', message: 'libs/scheduling imports only its own modules (no packages, no other libs).' }] },
      ],
    },
  },
];
