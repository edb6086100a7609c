import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '@fieldbook/ui-i18n';

/** An address under /p/ where no portal lives. */
@Component({
  selector: 'fb-not-found-page',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main id="main" class="portal-main" tabindex="-1">
      <h1>{{ 'notFound.title' | t }}</h1>
      <p class="lead">{{ 'notFound.text' | t }}</p>
      <p>{{ 'notFound.help' | t }}</p>
    </main>
  `,
})
export class NotFoundPage {}
