import { ChangeDetectionStrategy, Component, DOCUMENT, inject, input, linkedSignal } from '@angular/core';
import { TranslatePipe } from '@fieldbook/ui-i18n';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies `text` to the clipboard and says so, visibly and to screen readers. */
@Component({
  selector: 'fb-copy-button',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="button" [attr.aria-label]="label() ?? null" (click)="copy()">
      {{ (state() === 'copied' ? 'common:actions.copied' : 'common:actions.copy') | t }}
    </button>
    <span class="copy-status" aria-live="polite">
      @if (state() === 'copied') {
        <span class="visually-hidden">{{ 'copy.done' | t }}</span>
      } @else if (state() === 'failed') {
        <span class="field-error">{{ 'copy.failed' | t }}</span>
      }
    </span>
  `,
})
export class CopyButtonComponent {
  private readonly clipboard = inject(DOCUMENT).defaultView?.navigator.clipboard;
  readonly text = input.required<string>();
  /** Accessible name when "Copy" alone would be unclear. */
  readonly label = input<string>();
  /** Starts over whenever the text to copy changes. */
  protected readonly state = linkedSignal<string, CopyState>({ source: this.text, computation: () => 'idle' });

  protected async copy(): Promise<void> {
    try {
      // The clipboard exists only in secure contexts (https, localhost).
      if (!this.clipboard) throw new Error('Clipboard unavailable');
      await this.clipboard.writeText(this.text());
      this.state.set('copied');
    } catch {
      this.state.set('failed');
    }
  }
}
