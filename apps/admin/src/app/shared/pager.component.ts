import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { TranslatePipe } from '@fieldbook/ui-i18n';

/** Previous and next page of a server-paged list, with where the list stands. */
@Component({
  selector: 'fb-pager',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (total() > limit()) {
      <nav class="pager" [attr.aria-label]="label()">
        <button type="button" class="button button-quiet" [disabled]="offset() === 0" (click)="go(offset() - limit())">{{ 'pager.previous' | t }}</button>
        <span class="pager-position">{{ 'pager.position' | t: { first: first(), last: last(), total: total() } }}</span>
        <button type="button" class="button button-quiet" [disabled]="last() >= total()" (click)="go(offset() + limit())">{{ 'pager.next' | t }}</button>
      </nav>
    }
  `,
})
export class PagerComponent {
  readonly total = input.required<number>();
  readonly limit = input.required<number>();
  readonly offset = input.required<number>();
  /** Names the navigation landmark, e.g. "Pages of the notification log". */
  readonly label = input.required<string>();
  readonly offsetChange = output<number>();

  protected readonly first = computed(() => Math.min(this.offset() + 1, this.total()));
  protected readonly last = computed(() => Math.min(this.offset() + this.limit(), this.total()));

  protected go(offset: number): void {
    this.offsetChange.emit(Math.max(0, offset));
  }
}
