import { TestBed } from '@angular/core/testing';
import { Language } from '@fieldbook/i18n';
import { I18n } from './i18n.service';
import { LanguageSwitcherComponent } from './language-switcher.component';
import { provideI18n } from './provide-i18n';

describe('LanguageSwitcherComponent', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en']);
    TestBed.configureTestingModule({ providers: [provideI18n({ namespace: 'admin', storageKey: 'fieldbook.test.switcher' })] });
  });
  afterEach(() => vi.restoreAllMocks());

  it('offers every language in its own name, behind a label', async () => {
    const fixture = TestBed.createComponent(LanguageSwitcherComponent);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const select = element.querySelector('select')!;
    const label = element.querySelector('label')!;
    expect(label.htmlFor).toBe(select.id);
    expect(label.textContent).toBe('Language');
    expect([...select.options].map((option) => [option.value, option.text, option.lang])).toEqual([
      ['en', 'English', 'en'],
      ['de', 'Deutsch', 'de'],
      ['fr', 'Français', 'fr'],
      ['es', 'Español', 'es'],
    ]);
    expect(select.value).toBe('en');
  });

  it('switches the language when a person picks one, and tells its parent', async () => {
    const fixture = TestBed.createComponent(LanguageSwitcherComponent);
    const emitted: Language[] = [];
    fixture.componentInstance.languageChange.subscribe((language) => emitted.push(language));
    await fixture.whenStable();
    const select: HTMLSelectElement = fixture.nativeElement.querySelector('select');
    select.value = 'de';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(TestBed.inject(I18n).language()).toBe('de');
    expect(emitted).toEqual(['de']);
    expect(fixture.nativeElement.querySelector('label').textContent).toBe('Sprache');
  });

  it('gives each instance its own id so two switchers on a page keep their labels apart', () => {
    const first = TestBed.createComponent(LanguageSwitcherComponent);
    const second = TestBed.createComponent(LanguageSwitcherComponent);
    first.detectChanges();
    second.detectChanges();
    expect(first.nativeElement.querySelector('select').id).not.toBe(second.nativeElement.querySelector('select').id);
  });
});
