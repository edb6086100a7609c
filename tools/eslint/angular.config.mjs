import angular from 'angular-eslint';

/**
 * Angular rules for the admin console, the portal and the Angular libraries, on top of the base
 * config: recommended and accessibility rules for templates (inline ones too), OnPush everywhere,
 * and one selector prefix per project.
 */
export function angularConfig({ prefix }) {
  const scoped = (configs, files) => configs.map((config) => ({ ...config, files }));
  return [
    ...scoped(angular.configs.tsRecommended, ['**/*.ts']),
    {
      files: ['**/*.ts'],
      processor: angular.processInlineTemplates,
      rules: {
        '@angular-eslint/component-selector': ['error', { type: 'element', prefix, style: 'kebab-case' }],
        '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix, style: 'camelCase' }],
        '@angular-eslint/prefer-on-push-component-change-detection': 'error',
        '@angular-eslint/prefer-output-readonly': 'error',
        '@angular-eslint/prefer-signals': 'error',
        '@angular-eslint/no-output-native': 'error',
      },
    },
    ...scoped(angular.configs.templateRecommended, ['**/*.html']),
    ...scoped(angular.configs.templateAccessibility, ['**/*.html']),
    {
      files: ['**/*.html'],
      rules: {
        '@angular-eslint/template/button-has-type': 'error',
        '@angular-eslint/template/no-inline-styles': 'error',
        '@angular-eslint/template/prefer-self-closing-tags': 'error',
      },
    },
  ];
}
