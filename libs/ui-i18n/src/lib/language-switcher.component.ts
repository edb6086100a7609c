import { ChangeDetectionStrategy, Component, inject, output } from '@angular/core';
import { Language } from '@fieldbook/i18n';
import { I18n } from './i18n.service';
import { TranslatePipe } from './translate.pipe';

let nextId = 0;

/** A labelled select listing each language in its own name. Emits the language after switching to it. */
@Component({
  selector: 'fb-language-switcher',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'fb-language-switcher' },
  template: `
    <label [for]="id">{{ 'common:language' | t }}</label>
    <select [id]="id" [value]="i18n.language()" (change)="choose($event)">
      @for (option of i18n.languages; track option.code) {
        <option [value]="option.code" [attr.lang]="option.code" [selected]="option.code === i18n.language()">{{ option.name }}</option>
      }
    </select>
  `,
})
export class LanguageSwitcherComponent {
  protected readonly i18n = inject(I18n);
  protected readonly id = `fb-language-${nextId++}`;
  readonly languageChange = output<Language>();

  protected choose(event: Event): void {
    const language = this.i18n.use((event.target as HTMLSelectElement).value);
    this.languageChange.emit(language);
  }
}
