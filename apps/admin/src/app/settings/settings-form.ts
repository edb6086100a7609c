import { ElementRef, Injector, computed, inject, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { ApiProblem, toApiProblem } from '@fieldbook/ui-core';
import { I18n } from '@fieldbook/ui-i18n';
import { ConsoleContext } from '../core/console-context.service';

/**
 * What every settings form shares: who may change it, whether a save is under way, what went wrong,
 * and the "Saved" notice. Owners and admins change settings; dispatchers (and anyone the API turns
 * away with 403) see them read-only.
 */
export abstract class SettingsForm {
  protected readonly host: HTMLElement = inject(ElementRef).nativeElement;
  protected readonly injector = inject(Injector);
  protected readonly t = inject(I18n).t;
  protected readonly context = inject(ConsoleContext);

  private readonly refused = signal(false);
  protected readonly canChange = computed(() => (this.context.role() === 'owner' || this.context.role() === 'admin') && !this.refused());
  protected readonly saving = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  /** What just happened, as a thunk so that it follows a language switch. */
  protected readonly notice = signal<(() => string) | null>(null);

  protected startSave(): void {
    this.saving.set(true);
    this.problem.set(null);
    this.notice.set(null);
  }

  protected saved(): void {
    this.saving.set(false);
    this.notice.set(() => this.t('settings.saved'));
  }

  protected failed(error: unknown): void {
    this.saving.set(false);
    if (error instanceof HttpErrorResponse && error.status === 403) this.refused.set(true);
    this.problem.set(toApiProblem(error, this.t));
  }
}
