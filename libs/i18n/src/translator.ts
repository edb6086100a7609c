import i18next, { i18n } from 'i18next';
import { CATALOGS, NAMESPACES, Namespace } from './catalogs';
import { DEFAULT_LANGUAGE, Language, SUPPORTED_LANGUAGES, resolveLanguageTag } from './languages';

export type TranslationParams = Record<string, string | number | boolean | null | undefined>;

/**
 * The one adapter over i18next that the API and both Angular apps use. Catalogs are bundled, so
 * initialisation is synchronous and a translator is usable as soon as it is created.
 */
export interface Translator {
  readonly language: Language;
  /** `key` is 'namespace:path.to.key' or a path in the default namespace. */
  t(key: string, params?: TranslationParams): string;
  /** Whether the key exists in the catalogs (in any language, since catalogs are at parity). */
  has(key: string): boolean;
  /** A translator for another language sharing the same catalogs. */
  withLanguage(language: string): Translator;
}

let shared: i18n | undefined;

function instance(): i18n {
  if (!shared) {
    shared = i18next.createInstance();
    void shared.init({
      resources: CATALOGS,
      lng: DEFAULT_LANGUAGE,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...SUPPORTED_LANGUAGES],
      ns: [...NAMESPACES],
      defaultNS: 'common',
      initAsync: false,
      // Values are escaped where they are rendered (Angular templates, HTML email templates);
      // escaping here too would double-escape.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return shared;
}

export function createTranslator(language: string = DEFAULT_LANGUAGE, defaultNamespace: Namespace = 'common'): Translator {
  const lng = resolveLanguageTag(language) ?? DEFAULT_LANGUAGE;
  const fixed = instance().getFixedT(lng, defaultNamespace);
  return {
    language: lng,
    t: (key, params) => fixed(key, params ?? {}) as string,
    has: (key) => instance().exists(key, { lng, ns: defaultNamespace }),
    withLanguage: (other) => createTranslator(other, defaultNamespace),
  };
}
