export * from './lib/api-problem';
export * from './lib/csrf.interceptor';
export * from './lib/focus';
export * from './lib/form-errors';
