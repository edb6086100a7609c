import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@fieldbook/ui-i18n';
import { ConsoleContext } from '../core/console-context.service';
import { EnvironmentSwitcherComponent } from './environment-switcher.component';

/** The frame of every console page: organization, environment, sandbox warning, navigation. */
@Component({
  selector: 'fb-console-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe, EnvironmentSwitcherComponent],
  templateUrl: './console-layout.component.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConsoleLayoutComponent {
  protected readonly context = inject(ConsoleContext);

  protected chooseOrganization(event: Event): void {
    this.context.selectOrganization((event.target as HTMLSelectElement).value);
  }
}
