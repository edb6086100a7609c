import base from '../../tools/eslint/base.config.mjs';

export default [
  ...base,
  {
    // Message rendering is pure: its source imports its own modules, the catalogs and the contracts.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts', 'src/test/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/|@fieldbook/(i18n|contracts)$)',
              message: 'libs/messages imports only its own modules, @fieldbook/i18n and @fieldbook/contracts.',
            },
          ],
        },
      ],
    },
  },
];
