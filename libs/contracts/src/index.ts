export * from './errors';
export * from './pagination';
export * from './platform';
export * from './environment';
export * from './system';
export * from './scheduling';
