import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '@fieldbook/ui-i18n';

/** /p/ itself: there is no portal without a company's address. */
@Component({
  selector: 'fb-no-portal-page',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 tabindex="-1">{{ 'noPortal.title' | t }}</h1>
    <p class="lead">{{ 'noPortal.text' | t }}</p>
    <p>{{ 'noPortal.help' | t }}</p>
  `,
})
export class NoPortalPage {}
