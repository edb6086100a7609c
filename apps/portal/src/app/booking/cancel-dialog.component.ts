import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, Injector, afterNextRender, inject, input, output, signal, viewChild } from '@angular/core';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { Observable } from 'rxjs';
import { BookingProblem, toBookingProblem } from './booking-problem';

let nextId = 0;

/** Most characters a cancel reason may have (the API's limit). */
export const CANCEL_REASON_MAX = 500;

/**
 * Asks for a reason before canceling, in a modal native dialog: the page behind is inert, focus
 * starts in the reason field and returns to the button that opened it. The caller supplies the
 * request; the dialog shows the API's refusal (e.g. past the cut-off) as it comes.
 */
@Component({
  selector: 'fb-cancel-dialog',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['./booking-page.css', './cancel-dialog.component.css'],
  template: `
    <dialog #dialog [attr.aria-labelledby]="id + '-title'" [attr.aria-describedby]="id + '-text'" (close)="closed()" (cancel)="onEscape($event)">
      <form (submit)="confirm($event)" novalidate>
        <h2 [id]="id + '-title'">{{ 'booking.cancel.title' | t }}</h2>
        <p [id]="id + '-text'">{{ 'booking.cancel.text' | t }}</p>
        <label [for]="id + '-reason'">{{ 'booking.cancel.reason' | t }}</label>
        <textarea
          [id]="id + '-reason'"
          rows="3"
          required
          aria-required="true"
          [attr.maxlength]="maxLength"
          [attr.aria-invalid]="!!error() || null"
          [attr.aria-describedby]="error() ? id + '-error' : null"
          [value]="reason()"
          (input)="reason.set($any($event.target).value)"
        ></textarea>
        @if (error(); as message) {
          <p class="field-error" [id]="id + '-error'">{{ message }}</p>
        }
        @if (problem(); as failure) {
          <p class="alert" role="alert">{{ failure.message }}</p>
        }
        <div class="actions">
          <button type="submit" class="button button-danger" [disabled]="pending()">{{ 'booking.cancel.confirm' | t }}</button>
          <button type="button" class="button button-quiet" [disabled]="pending()" (click)="close()">{{ 'booking.cancel.keep' | t }}</button>
        </div>
      </form>
    </dialog>
  `,
})
export class CancelDialogComponent<T = unknown> {
  private readonly i18n = inject(I18n);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  protected readonly id = `fb-cancel-${nextId++}`;
  protected readonly maxLength = CANCEL_REASON_MAX;

  /** Sends the cancellation with the reason given. */
  readonly cancel = input.required<(reason: string) => Observable<T>>();
  /** The API's answer after a cancellation. */
  readonly canceled = output<T>();

  protected readonly reason = signal('');
  protected readonly error = signal<string | null>(null);
  protected readonly problem = signal<BookingProblem | null>(null);
  protected readonly pending = signal(false);
  private opener: HTMLElement | null = null;

  open(): void {
    this.opener = this.document.activeElement as HTMLElement | null;
    this.reason.set('');
    this.error.set(null);
    this.problem.set(null);
    const dialog = this.dialog().nativeElement;
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    afterNextRender(() => dialog.querySelector('textarea')?.focus(), { injector: this.injector });
  }

  close(): void {
    const dialog = this.dialog().nativeElement;
    if (typeof dialog.close === 'function' && dialog.open) dialog.close();
    else {
      dialog.removeAttribute('open');
      this.closed();
    }
  }

  protected onEscape(event: Event): void {
    // Escape may not interrupt a cancellation on its way.
    if (this.pending()) event.preventDefault();
  }

  protected closed(): void {
    this.opener?.focus();
    this.opener = null;
  }

  protected confirm(event: Event): void {
    event.preventDefault();
    if (this.pending()) return;
    const reason = this.reason().trim();
    if (!reason) {
      this.error.set(this.i18n.t('booking.cancel.reasonRequired'));
      this.focusReason();
      return;
    }
    this.error.set(null);
    this.problem.set(null);
    this.pending.set(true);
    this.cancel()(reason).subscribe({
      next: (result) => {
        this.pending.set(false);
        this.canceled.emit(result);
        this.close();
      },
      error: (error: unknown) => {
        this.pending.set(false);
        const problem = toBookingProblem(error, this.i18n.t);
        const fieldMessage = problem.fields['reason'];
        if (fieldMessage) {
          this.error.set(fieldMessage);
          this.focusReason();
        } else {
          this.problem.set(problem);
        }
      },
    });
  }

  private focusReason(): void {
    afterNextRender(() => this.dialog().nativeElement.querySelector('textarea')?.focus(), { injector: this.injector });
  }
}
