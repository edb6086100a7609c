import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { PortalSettings } from '@fieldbook/contracts';
import { FormErrors, focusFirstProblem } from '@fieldbook/ui-core';
import { TranslatePipe } from '@fieldbook/ui-i18n';
import { of, switchMap, tap } from 'rxjs';
import { LOADING, Loadable, toLoadable } from '../shared/loadable';
import { SettingsForm } from './settings-form';
import { SettingsService } from './settings.service';
import { HasUnsavedChanges } from './unsaved-changes.guard';

export const PORTAL_NAME_MAX = 120;

/** The portal's own settings for the chosen environment: the name customers see. */
@Component({
  selector: 'fb-portal-settings-page',
  imports: [ReactiveFormsModule, TranslatePipe],
  templateUrl: './portal-settings.page.html',
  styles: ['.settings-fieldset { border: 0; margin: 0; padding: 0; min-width: 0; display: grid; gap: 1rem; }'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalSettingsPage extends SettingsForm implements HasUnsavedChanges {
  private readonly settings = inject(SettingsService);

  protected readonly max = PORTAL_NAME_MAX;
  protected readonly form = inject(NonNullableFormBuilder).group({
    portalName: ['', [Validators.required, Validators.maxLength(PORTAL_NAME_MAX), Validators.pattern(/\S/)]],
  });
  protected readonly errors = new FormErrors(this.form, this.t, { portalName: 'settings.portal.portalName' });

  protected readonly current = toSignal(
    toObservable(this.context.environment).pipe(
      switchMap((environment) =>
        environment ? toLoadable(this.settings.portal(environment.id).pipe(tap((settings) => this.show(settings))), this.t) : of(LOADING),
      ),
    ),
    { initialValue: LOADING as Loadable<PortalSettings> },
  );

  hasUnsavedChanges(): boolean {
    return this.form.dirty;
  }

  protected save(): void {
    const environment = this.context.environment();
    if (!environment || this.saving() || !this.canChange()) return;
    if (!this.errors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    this.startSave();
    this.settings.updatePortal(environment.id, { portalName: this.form.getRawValue().portalName.trim() }).subscribe({
      next: (settings) => {
        this.show(settings);
        this.saved();
      },
      error: (error: unknown) => {
        this.failed(error);
        this.errors.fail(error);
        focusFirstProblem(this.host, this.injector);
      },
    });
  }

  private show(settings: PortalSettings): void {
    this.form.reset({ portalName: settings.portalName });
    this.errors.reset();
  }
}
