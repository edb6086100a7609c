import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '@fieldbook/ui-i18n';

/** /p/ itself: there is no portal without a company's address. */
@Component({
  selector: 'fb-no-portal-page',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main id="main" class="portal-main" tabindex="-1">
      <h1>{{ 'noPortal.title' | t }}</h1>
      <p class="lead">{{ 'noPortal.text' | t }}</p>
      <p>{{ 'noPortal.help' | t }}</p>
    </main>
  `,
})
export class NoPortalPage {}
