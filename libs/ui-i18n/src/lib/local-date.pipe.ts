import { Pipe, PipeTransform, inject } from '@angular/core';
import { formatDateTime } from '@fieldbook/i18n';
import { I18n } from './i18n.service';

/**
 * A date in the app's language and the browser's time zone. Impure for the same reason as the
 * `t` pipe: the output follows the language signal.
 */
@Pipe({ name: 'localDate', pure: false })
export class LocalDatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);
  private readonly timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  transform(value: string, style: 'date' | 'dateTime' = 'date'): string {
    const options: Intl.DateTimeFormatOptions = style === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' };
    return formatDateTime(value, this.i18n.language(), this.timeZone, options);
  }
}
