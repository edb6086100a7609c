export * from './connector';
export * from './errors';
export * from './config-validation';
export * from './manifest-validation';
export * from './http';
