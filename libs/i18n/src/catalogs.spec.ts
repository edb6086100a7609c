import { CATALOGS, NAMESPACES, flattenCatalog, interpolationVariables } from './catalogs';
import { SUPPORTED_LANGUAGES } from './languages';

const reference = 'en' as const;
const others = SUPPORTED_LANGUAGES.filter((language) => language !== reference);

describe('catalogs', () => {
  describe.each(NAMESPACES)('namespace %s', (namespace) => {
    const referenceKeys = Object.keys(flattenCatalog(CATALOGS[reference][namespace])).sort();

    it('has at least one key in English', () => {
      expect(referenceKeys.length).toBeGreaterThan(0);
    });

    it.each(others)('has exactly the English keys in %s (none missing, none extra)', (language) => {
      const keys = Object.keys(flattenCatalog(CATALOGS[language][namespace])).sort();
      const missing = referenceKeys.filter((key) => !keys.includes(key));
      const extra = keys.filter((key) => !referenceKeys.includes(key));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it.each(others)('uses the same interpolation variables in %s as in English', (language) => {
      const english = flattenCatalog(CATALOGS[reference][namespace]);
      const translated = flattenCatalog(CATALOGS[language][namespace]);
      const differing = Object.keys(english).filter(
        (key) =>
          key in translated &&
          interpolationVariables(english[key] ?? '').join(',') !==
            interpolationVariables(translated[key] ?? '').join(','),
      );
      expect(differing).toEqual([]);
    });

    it.each(SUPPORTED_LANGUAGES)('has no empty message in %s', (language) => {
      const empty = Object.entries(flattenCatalog(CATALOGS[language][namespace]))
        .filter(([, message]) => message.trim() === '')
        .map(([key]) => key);
      expect(empty).toEqual([]);
    });
  });

  it('finds interpolation variables, including formatted ones', () => {
    expect(interpolationVariables('Hi {{name}}, {{ count }} at {{when, datetime}}')).toEqual(['count', 'name', 'when']);
    expect(interpolationVariables('No variables')).toEqual([]);
  });
});
