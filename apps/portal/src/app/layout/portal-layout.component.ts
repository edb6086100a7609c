import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, Injector, afterNextRender, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { ApiProblem, toApiProblem } from '@fieldbook/ui-core';
import { I18n, LanguageSwitcherComponent, TranslatePipe, TranslatedTitleStrategy } from '@fieldbook/ui-i18n';
import { filter, map } from 'rxjs';
import { brandStyle } from '../core/brand-style';
import { PortalContext } from '../core/portal-context';
import { PortalSessionService } from '../core/portal-session.service';
import { NotFoundPage } from '../not-found/not-found.page';

/** The path of a router URL, without query or fragment: a change of query alone is no new page. */
function pathOf(url: string): string {
  return url.split(/[?#]/)[0] ?? url;
}

/**
 * One company's portal around its pages: its name, logo and colours, the sandbox notice, the
 * language switcher, the signed-in customer's menu and the company's footer and contact details.
 */
@Component({
  selector: 'fb-portal-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, LanguageSwitcherComponent, TranslatePipe, NotFoundPage],
  templateUrl: './portal-layout.component.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The tenant's colours and font, as custom properties every page inside inherits.
  host: { class: 'portal-layout', '[style]': 'brand()' },
})
export class PortalLayoutComponent {
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly t = inject(I18n).t;
  protected readonly portal = inject(PortalContext);
  protected readonly session = inject(PortalSessionService);

  /** From the route: /p/:slug. */
  readonly slug = input.required<string>();

  protected readonly appearance = this.portal.appearance;
  protected readonly brand = computed(() => brandStyle(this.appearance()?.branding));
  /** The company's name when it gave one, else the portal's. */
  protected readonly displayName = computed(() => {
    const appearance = this.appearance();
    return appearance?.content.companyName?.trim() || appearance?.portalName || '';
  });
  protected readonly loadProblem = computed(() => {
    const error = this.session.loadError();
    return error ? toApiProblem(error, this.t) : null;
  });
  protected readonly signOutProblem = signal<ApiProblem | null>(null);

  constructor() {
    effect(() => this.portal.use(this.slug()));
    const titles = inject(TranslatedTitleStrategy);
    effect(() => titles.useSiteTitle(this.appearance()?.content.pageTitle ?? null));
    inject(DestroyRef).onDestroy(() => titles.useSiteTitle(null));

    // After moving to another page (not merely another query, as booking steps do), focus its heading.
    let path = pathOf(this.router.url);
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        map((event) => pathOf(event.urlAfterRedirects)),
        filter((next) => {
          const moved = next !== path;
          path = next;
          return moved;
        }),
        takeUntilDestroyed(),
      )
      .subscribe(() => afterNextRender(() => this.focusHeading(), { injector: this.injector }));
  }

  protected telHref(phone: string): string {
    return `tel:${phone.replace(/[^\d+]/g, '')}`;
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.document.getElementById('main')?.focus();
  }

  protected retry(): void {
    this.portal.reloadAppearance();
  }

  protected reload(): void {
    this.document.defaultView?.location.reload();
  }

  /** A failure to save it is no reason to interrupt: the page is already in the chosen language. */
  protected rememberLanguage(language: string): void {
    this.session.rememberLanguage(language).subscribe({ error: () => undefined });
  }

  protected signOut(): void {
    this.signOutProblem.set(null);
    this.session.signOut().subscribe({
      next: () => void this.router.navigate(this.portal.link('sign-in')),
      error: (error: unknown) => this.signOutProblem.set(toApiProblem(error, this.t)),
    });
  }

  private focusHeading(): void {
    const main = this.document.getElementById('main');
    const heading = main?.querySelector<HTMLElement>('h1');
    if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    (heading ?? main)?.focus();
  }
}
