import { DOCUMENT, Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_NAMES,
  Language,
  Namespace,
  SUPPORTED_LANGUAGES,
  TranslationParams,
  Translator,
  createTranslator,
  negotiateLanguage,
  resolveLanguageTag,
} from '@fieldbook/i18n';

export interface I18nOptions {
  /** Namespace that keys without a `namespace:` prefix are looked up in (`admin`, `portal`). */
  namespace: Namespace;
  /** Where the person's choice of language is remembered in localStorage. */
  storageKey: string;
}

export const I18N_OPTIONS = new InjectionToken<I18nOptions>('I18N_OPTIONS');

export interface LanguageOption {
  code: Language;
  /** The language named in itself, e.g. "Deutsch". */
  name: string;
}

/** localStorage can be missing or throw (privacy modes, sandboxed frames); the choice then lasts for the page only. */
function readStored(storage: Storage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function writeStored(storage: Storage | undefined, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Remembering is a convenience; the language still changes for this page.
  }
}

/**
 * The language the app speaks and the translator for it. The first language is negotiated from the
 * person's stored choice, then the browser's languages, then English (right-to-left languages
 * resolve to English). Templates that read `t()` or the `t` pipe update when the language changes.
 */
@Injectable()
export class I18n {
  private readonly options = inject(I18N_OPTIONS);
  private readonly document = inject(DOCUMENT);
  private readonly storage = this.document.defaultView?.localStorage;
  private readonly current = signal<Language>(this.negotiate());

  readonly language = this.current.asReadonly();
  readonly translator = computed<Translator>(() => createTranslator(this.current(), this.options.namespace));
  readonly languages: readonly LanguageOption[] = SUPPORTED_LANGUAGES.map((code) => ({ code, name: LANGUAGE_NAMES[code] }));

  constructor() {
    this.document.documentElement.lang = this.current();
  }

  /** Translates `key` (in the app's namespace unless prefixed, e.g. `common:actions.save`). Reactive: reads the language signal. */
  readonly t = (key: string, params?: TranslationParams): string => this.translator().t(key, params);

  /** Switches to `language` (any tag; unsupported ones resolve to English) and remembers the choice. */
  use(language: string): Language {
    const resolved = resolveLanguageTag(language) ?? DEFAULT_LANGUAGE;
    writeStored(this.storage, this.options.storageKey, resolved);
    this.apply(resolved);
    return resolved;
  }

  /**
   * Takes a language remembered elsewhere (an account's profile) unless the person already chose
   * one on this device, which wins.
   */
  adopt(language: string | null | undefined): void {
    if (readStored(this.storage, this.options.storageKey)) return;
    const resolved = resolveLanguageTag(language);
    if (resolved) this.apply(resolved);
  }

  private apply(language: Language): void {
    this.current.set(language);
    this.document.documentElement.lang = language;
  }

  private negotiate(): Language {
    const navigator = this.document.defaultView?.navigator;
    const browserLanguages = navigator?.languages?.length ? navigator.languages : [navigator?.language ?? ''];
    return negotiateLanguage({
      preferred: readStored(this.storage, this.options.storageKey),
      acceptLanguage: browserLanguages.filter(Boolean).join(','),
    });
  }
}
