import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18n } from './i18n.service';
import { provideI18n } from './provide-i18n';
import { TranslatePipe } from './translate.pipe';

@Component({
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p id="plain">{{ 'actions.save' | t }}</p><p id="params">{{ 'api:errors.passwordTooShort' | t: { min: min() } }}</p>`,
})
class HostComponent {
  readonly min = signal(12);
}

describe('TranslatePipe', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en']);
    TestBed.configureTestingModule({ providers: [provideI18n({ namespace: 'common', storageKey: 'fieldbook.test.pipe' })] });
  });
  afterEach(() => vi.restoreAllMocks());

  function text(fixture: { nativeElement: HTMLElement }, id: string): string {
    return fixture.nativeElement.querySelector(`#${id}`)?.textContent ?? '';
  }

  it('renders translated text with parameters', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    expect(text(fixture, 'plain')).toBe('Save');
    expect(text(fixture, 'params')).toBe('Use at least 12 characters.');
  });

  it('re-renders an OnPush view in the new language after a switch', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    TestBed.inject(I18n).use('fr');
    await fixture.whenStable();
    expect(text(fixture, 'plain')).toBe('Enregistrer');
    expect(text(fixture, 'params')).toBe('Utilisez au moins 12 caractères.');
  });

  it('follows changed parameters', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    fixture.componentInstance.min.set(16);
    await fixture.whenStable();
    expect(text(fixture, 'params')).toBe('Use at least 16 characters.');
  });
});
