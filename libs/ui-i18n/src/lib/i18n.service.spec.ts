import { TestBed } from '@angular/core/testing';
import { I18n } from './i18n.service';
import { provideI18n } from './provide-i18n';

const STORAGE_KEY = 'fieldbook.test.language';

function browserLanguages(languages: string[]): void {
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(languages);
}

function create(): I18n {
  TestBed.configureTestingModule({ providers: [provideI18n({ namespace: 'common', storageKey: STORAGE_KEY })] });
  return TestBed.inject(I18n);
}

describe('I18n', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.restoreAllMocks());

  it('speaks the language stored from an earlier visit, before the browser languages', () => {
    localStorage.setItem(STORAGE_KEY, 'fr');
    browserLanguages(['de-DE', 'en']);
    const i18n = create();
    expect(i18n.language()).toBe('fr');
    expect(i18n.t('actions.save')).toBe('Enregistrer');
  });

  it('takes the first supported browser language when nothing is stored', () => {
    browserLanguages(['pt-BR', 'es-MX', 'de']);
    expect(create().language()).toBe('es');
  });

  it('falls back to English when no browser language is supported', () => {
    browserLanguages(['pt-BR', 'ja']);
    expect(create().language()).toBe('en');
  });

  it('resolves a right-to-left browser language to English rather than a later one', () => {
    browserLanguages(['ar-EG', 'de']);
    expect(create().language()).toBe('en');
  });

  it('ignores a stored value that is not a supported language', () => {
    localStorage.setItem(STORAGE_KEY, 'klingon');
    browserLanguages(['de']);
    expect(create().language()).toBe('de');
  });

  it('sets the lang attribute of the page to the negotiated language', () => {
    browserLanguages(['fr-CA']);
    create();
    expect(document.documentElement.lang).toBe('fr');
  });

  it('switches language, remembers the choice and updates the page language', () => {
    browserLanguages(['en']);
    const i18n = create();
    expect(i18n.t('actions.save')).toBe('Save');
    expect(i18n.use('de-AT')).toBe('de');
    expect(i18n.language()).toBe('de');
    expect(i18n.t('actions.save')).toBe('Speichern');
    expect(localStorage.getItem(STORAGE_KEY)).toBe('de');
    expect(document.documentElement.lang).toBe('de');
  });

  it('switches to English when asked for an unsupported language', () => {
    browserLanguages(['es']);
    const i18n = create();
    expect(i18n.use('he')).toBe('en');
    expect(i18n.t('actions.cancel')).toBe('Cancel');
  });

  it('adopts an account language when nothing was chosen on this device, without remembering it', () => {
    browserLanguages(['en']);
    const i18n = create();
    i18n.adopt('es');
    expect(i18n.language()).toBe('es');
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
  });

  it('keeps a language chosen on this device over an account language', () => {
    localStorage.setItem(STORAGE_KEY, 'fr');
    const i18n = create();
    i18n.adopt('de');
    expect(i18n.language()).toBe('fr');
  });

  it('ignores an empty or unknown account language', () => {
    browserLanguages(['de']);
    const i18n = create();
    i18n.adopt(null);
    i18n.adopt('xx');
    expect(i18n.language()).toBe('de');
  });

  it('interpolates parameters and reads other namespaces by prefix', () => {
    browserLanguages(['en']);
    const i18n = create();
    expect(i18n.t('api:errors.passwordTooShort', { min: 12 })).toBe('Use at least 12 characters.');
    expect(i18n.t('roles.dispatcher')).toBe('Dispatcher');
  });

  it('lists every supported language by its own name', () => {
    expect(create().languages).toEqual([
      { code: 'en', name: 'English' },
      { code: 'de', name: 'Deutsch' },
      { code: 'fr', name: 'Français' },
      { code: 'es', name: 'Español' },
    ]);
  });
});
