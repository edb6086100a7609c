import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '@fieldbook/ui-i18n';

/** An address under /p/ where no portal lives, or a page a portal does not have. */
@Component({
  selector: 'fb-not-found-page',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 tabindex="-1">{{ 'notFound.title' | t }}</h1>
    <p class="lead">{{ 'notFound.text' | t }}</p>
    <p>{{ 'notFound.help' | t }}</p>
  `,
})
export class NotFoundPage {}
