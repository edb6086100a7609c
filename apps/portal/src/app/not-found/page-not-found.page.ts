import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@fieldbook/ui-i18n';
import { PortalContext } from '../core/portal-context';

/** An address inside a company's portal that is no page of it. */
@Component({
  selector: 'fb-page-not-found-page',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 tabindex="-1">{{ 'pageNotFound.title' | t }}</h1>
    <p class="lead">{{ 'pageNotFound.text' | t }}</p>
    <p><a [routerLink]="portal.link()">{{ 'pageNotFound.home' | t }}</a></p>
  `,
})
export class PageNotFoundPage {
  protected readonly portal = inject(PortalContext);
}
