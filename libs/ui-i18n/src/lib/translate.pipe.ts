import { Pipe, PipeTransform, inject } from '@angular/core';
import { TranslationParams, Translator } from '@fieldbook/i18n';
import { I18n } from './i18n.service';

/**
 * `{{ 'signIn.title' | t }}` or `{{ 'members.invited' | t: { email } }}`.
 *
 * Impure because the output depends on the language signal, not only on the inputs: a pure pipe
 * would keep showing the old language after a switch. Reading the signal here makes the view
 * refresh on a switch; the last result is reused while neither the language nor the inputs change.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  private last?: { translator: Translator; key: string; params?: TranslationParams; value: string };

  transform(key: string, params?: TranslationParams): string {
    const translator = this.i18n.translator();
    const last = this.last;
    if (last && last.translator === translator && last.key === key && last.params === params) return last.value;
    const value = translator.t(key, params);
    this.last = { translator, key, params, value };
    return value;
  }
}
