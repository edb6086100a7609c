import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, OnDestroy, afterNextRender, inject, input, output, viewChild } from '@angular/core';

let nextDialogId = 0;

/**
 * A modal dialog named by its heading. It takes focus when it opens (the element marked
 * `data-autofocus`, else the first control) and gives it back to whatever had it when it closes.
 * Escape asks the parent to close it; the parent closes it by no longer rendering it.
 */
@Component({
  selector: 'fb-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Escape on a modal dialog raises `cancel`; the key itself is caught too where dialogs are not modal.
  host: { '(keydown.escape)': 'dismiss($event)' },
  template: `
    <dialog #dialog class="dialog" [attr.aria-labelledby]="headingId" (cancel)="dismiss($event)">
      <h2 class="dialog-heading" [id]="headingId">{{ heading() }}</h2>
      <ng-content />
    </dialog>
  `,
})
export class DialogComponent implements OnDestroy {
  private readonly document = inject(DOCUMENT);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  /** Where focus goes back to on close. */
  private readonly opener = this.document.activeElement as HTMLElement | null;
  protected readonly headingId = `fb-dialog-${++nextDialogId}`;

  readonly heading = input.required<string>();
  /** Escape pressed: the parent should stop rendering the dialog. */
  readonly dismissed = output<void>();

  constructor() {
    afterNextRender(() => {
      const dialog = this.dialog().nativeElement;
      // Browsers without modal dialogs (and test DOMs) still get an open, labelled dialog.
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      const target = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>('input, select, textarea, button');
      target?.focus();
    });
  }

  ngOnDestroy(): void {
    if (this.opener?.isConnected) this.opener.focus();
  }

  protected dismiss(event: Event): void {
    event.preventDefault();
    this.dismissed.emit();
  }
}
