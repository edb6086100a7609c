import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '@fieldbook/ui-i18n';
import { Loadable } from './loadable';

/**
 * What a list page says about its list, announced as it changes: loading, nothing found, or how many
 * were found (`foundKey` gets `count`); a failed load shows the API's message as an alert.
 */
@Component({
  selector: 'fb-list-status',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let current = list();
    <p class="list-status" role="status">
      @if (current.state === 'loading') {
        {{ 'common:states.loading' | t }}
      } @else if (current.state === 'ready') {
        @if (current.value.total === 0) {
          {{ emptyKey() | t }}
        } @else {
          {{ foundKey() | t: { count: current.value.total } }}
        }
      }
    </p>
    @if (current.state === 'failed') {
      <p class="alert alert-error" role="alert">{{ current.problem.message }}</p>
    }
  `,
})
export class ListStatusComponent {
  readonly list = input.required<Loadable<{ total: number }>>();
  readonly emptyKey = input.required<string>();
  readonly foundKey = input.required<string>();
}
