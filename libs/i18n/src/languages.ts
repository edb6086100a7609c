/** Languages Fieldbook ships complete catalogs for. Left-to-right only. */
export const SUPPORTED_LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language named in itself, for language switchers. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
};

/**
 * Right-to-left languages are explicitly unsupported: the layouts are not mirrored, so a request
 * for one of them resolves to English rather than to a half-working page.
 */
export const RTL_LANGUAGES: readonly string[] = ['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb'];

export function isSupportedLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** 'de-CH' → 'de'; 'EN_us' → 'en'. */
function primarySubtag(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/** Resolves one language tag to a supported language, or undefined (RTL tags resolve to English). */
export function resolveLanguageTag(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const primary = primarySubtag(tag);
  if (RTL_LANGUAGES.includes(primary)) return DEFAULT_LANGUAGE;
  return isSupportedLanguage(primary) ? primary : undefined;
}

/** Parses an Accept-Language header into tags ordered by quality (highest first). */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: (tag ?? '').trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.tag);
}

/**
 * Picks the language to speak: the user's stored preference, else the first supported language of
 * the Accept-Language header, else English. An RTL preference or header entry resolves to English.
 */
export function negotiateLanguage(input: {
  preferred?: string | null;
  acceptLanguage?: string | null;
}): Language {
  const preferred = resolveLanguageTag(input.preferred);
  if (preferred) return preferred;
  for (const tag of parseAcceptLanguage(input.acceptLanguage)) {
    const language = resolveLanguageTag(tag);
    if (language) return language;
  }
  return DEFAULT_LANGUAGE;
}
