export * from './lib/i18n.service';
export * from './lib/provide-i18n';
export * from './lib/translate.pipe';
export * from './lib/language-switcher.component';
export * from './lib/accept-language.interceptor';
export * from './lib/translated-title.strategy';
export * from './lib/local-date.pipe';
