import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslatePipe } from '@fieldbook/ui-i18n';
import { ConsoleContext } from '../core/console-context.service';

/** Production or sandbox, as a pair of radio buttons (arrow keys move between them). */
@Component({
  selector: 'fb-environment-switcher',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (context.organization(); as organization) {
      <fieldset class="segmented">
        <legend>{{ 'console.environment' | t }}</legend>
        @for (environment of organization.environments; track environment.id) {
          <label [class.segment-sandbox]="environment.kind === 'sandbox'">
            <input
              type="radio"
              name="environment"
              [value]="environment.id"
              [checked]="environment.id === context.environment()?.id"
              (change)="context.selectEnvironment(environment.id)"
            />
            <span>{{ 'common:environments.' + environment.kind | t }}</span>
          </label>
        }
      </fieldset>
    }
  `,
})
export class EnvironmentSwitcherComponent {
  protected readonly context = inject(ConsoleContext);
}
