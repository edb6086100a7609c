import { RTL_LANGUAGES, negotiateLanguage, parseAcceptLanguage, resolveLanguageTag } from './languages';

describe('language negotiation', () => {
  it('prefers the user preference over Accept-Language', () => {
    expect(negotiateLanguage({ preferred: 'fr', acceptLanguage: 'de-DE,de;q=0.9' })).toBe('fr');
  });

  it('uses the best supported Accept-Language entry when there is no preference', () => {
    expect(negotiateLanguage({ acceptLanguage: 'it-IT, es;q=0.8, de;q=0.9' })).toBe('de');
  });

  it('falls back to English when nothing is supported', () => {
    expect(negotiateLanguage({ preferred: 'ja', acceptLanguage: 'zh-CN,ko;q=0.5' })).toBe('en');
    expect(negotiateLanguage({})).toBe('en');
  });

  it('ignores an unsupported preference and uses the header', () => {
    expect(negotiateLanguage({ preferred: 'pt-BR', acceptLanguage: 'es-MX' })).toBe('es');
  });

  it.each(RTL_LANGUAGES)('resolves the right-to-left language %s to English', (tag) => {
    expect(resolveLanguageTag(tag)).toBe('en');
    expect(negotiateLanguage({ preferred: tag, acceptLanguage: 'de' })).toBe('en');
    expect(negotiateLanguage({ acceptLanguage: `${tag}-XX,fr;q=0.5` })).toBe('en');
  });

  it('orders Accept-Language by quality and drops q=0 and wildcards', () => {
    expect(parseAcceptLanguage('fr;q=0.5, de, *;q=0.1, es;q=0')).toEqual(['de', 'fr']);
  });

  it('normalises region and case', () => {
    expect(resolveLanguageTag('DE-at')).toBe('de');
    expect(resolveLanguageTag('en_GB')).toBe('en');
    expect(resolveLanguageTag('')).toBeUndefined();
  });
});
