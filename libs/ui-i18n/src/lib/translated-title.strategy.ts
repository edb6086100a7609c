import { EnvironmentProviders, Injectable, effect, inject, makeEnvironmentProviders, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { I18n } from './i18n.service';

/**
 * Route titles are catalog keys; the document title is "<page> · <app>", where <app> is the `title`
 * key of the app's namespace (or a site's own title set with `useSiteTitle`), and follows language
 * switches. A page whose title is data (a portal's name) sets it with `usePageTitle` and clears it
 * when it goes.
 */
@Injectable()
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18n);
  private readonly key = signal<string | undefined>(undefined);
  private readonly pageTitle = signal<string | null>(null);
  private readonly siteTitle = signal<string | null>(null);

  constructor() {
    super();
    effect(() => {
      const app = this.siteTitle() ?? this.i18n.t('title');
      const key = this.key();
      const page = this.pageTitle() ?? (key ? this.i18n.t(key) : null);
      this.title.setTitle(page ? `${page} · ${app}` : app);
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.pageTitle.set(null);
    this.key.set(this.buildTitle(snapshot));
  }

  /** A title that is not a catalog key; `null` goes back to the route's title. */
  usePageTitle(title: string | null): void {
    this.pageTitle.set(title);
  }

  /** The site's own name (a company's portal title) in place of the app's; `null` goes back to the app's. */
  useSiteTitle(title: string | null): void {
    this.siteTitle.set(title?.trim() || null);
  }
}

/** Makes `TranslatedTitleStrategy` the router's title strategy, injectable under its own name too. */
export function provideTranslatedTitles(): EnvironmentProviders {
  return makeEnvironmentProviders([TranslatedTitleStrategy, { provide: TitleStrategy, useExisting: TranslatedTitleStrategy }]);
}
