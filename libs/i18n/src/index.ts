export * from './languages';
export * from './catalogs';
export * from './translator';
export * from './format';
