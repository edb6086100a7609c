import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@fieldbook/ui-i18n';

@Component({
  selector: 'fb-not-found-page',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'notFound.title' | t }}</h1>
    <p>{{ 'notFound.text' | t }}</p>
    <p><a routerLink="/overview">{{ 'notFound.back' | t }}</a></p>
  `,
})
export class NotFoundPage {}
