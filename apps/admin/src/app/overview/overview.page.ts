import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { PortalSettings } from '@fieldbook/contracts';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { of, switchMap } from 'rxjs';
import { ConsoleContext } from '../core/console-context.service';
import { LOADING, Loadable, toLoadable } from '../shared/loadable';
import { PortalSettingsService } from './portal-settings.service';

/** The chosen environment at a glance: which one it is, and where its customers find their portal. */
@Component({
  selector: 'fb-overview-page',
  imports: [TranslatePipe],
  templateUrl: './overview.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OverviewPage {
  private readonly portalSettings = inject(PortalSettingsService);
  private readonly t = inject(I18n).t;
  protected readonly context = inject(ConsoleContext);

  protected readonly settings = toSignal(
    toObservable(this.context.environment).pipe(
      switchMap((environment) => (environment ? toLoadable(this.portalSettings.get(environment.id), this.t) : of(LOADING))),
    ),
    { initialValue: LOADING as Loadable<PortalSettings> },
  );
}
