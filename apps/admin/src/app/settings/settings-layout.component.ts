import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@fieldbook/ui-i18n';

/** The settings pages of the chosen environment, with their own navigation. */
@Component({
  selector: 'fb-settings-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe],
  template: `
    <nav class="settings-nav" [attr.aria-label]="'settings.navigation' | t">
      <ul>
        @for (page of pages; track page) {
          <li>
            <a [routerLink]="page" routerLinkActive="active" ariaCurrentWhenActive="page">{{ 'settings.' + page + '.title' | t }}</a>
          </li>
        }
      </ul>
    </nav>
    <router-outlet />
  `,
  styles: [
    `
      .settings-nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; list-style: none; margin: 0 0 1.5rem; padding: 0; }
      .settings-nav a { display: inline-block; padding: 0.375rem 0.75rem; border-radius: 999px; border: 1px solid var(--color-border); color: var(--color-text); text-decoration: none; }
      .settings-nav a:hover { border-color: var(--color-primary); }
      .settings-nav a.active { font-weight: 600; border-color: var(--color-primary); box-shadow: inset 0 0 0 1px var(--color-primary); }
    `,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsLayoutComponent {
  protected readonly pages = ['portal', 'branding', 'snippets', 'messages', 'templates'] as const;
}
