import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { PORTAL_RULE_LIMITS, PortalSettings, SLOT_GRANULARITIES, SlotGranularityMinutes, UpdatePortalSettingsRequest } from '@fieldbook/contracts';
import { FormErrors, focusFirstProblem } from '@fieldbook/ui-core';
import { TranslatePipe } from '@fieldbook/ui-i18n';
import { of, switchMap, tap } from 'rxjs';
import { LOADING, Loadable, toLoadable } from '../shared/loadable';
import { SettingsForm } from './settings-form';
import { SettingsService } from './settings.service';
import { HasUnsavedChanges } from './unsaved-changes.guard';

export const PORTAL_NAME_MAX = 120;

type RuleField = keyof typeof PORTAL_RULE_LIMITS;
type Field = keyof UpdatePortalSettingsRequest;

const FIELDS: readonly Field[] = [
  'portalName',
  'minLeadDays',
  'maxLeadDays',
  'assetSelection',
  'additionalDetails',
  'travelRadiusKm',
  'travelBufferMinutes',
  'slotGranularityMinutes',
  'rescheduleCutOffHours',
  'cancelCutOffHours',
];

/** The HTML id of each field's input, and the stem of its hint and error ids. */
const IDS: Record<Field, string> = {
  portalName: 'portal-name',
  minLeadDays: 'min-lead-days',
  maxLeadDays: 'max-lead-days',
  assetSelection: 'asset-selection',
  additionalDetails: 'additional-details',
  travelRadiusKm: 'travel-radius-km',
  travelBufferMinutes: 'travel-buffer-minutes',
  slotGranularityMinutes: 'slot-granularity-minutes',
  rescheduleCutOffHours: 'reschedule-cut-off-hours',
  cancelCutOffHours: 'cancel-cut-off-hours',
};

const wholeNumber: ValidatorFn = (control: AbstractControl<number | null>): ValidationErrors | null =>
  control.value === null || Number.isInteger(control.value) ? null : { integer: true };

function rule(field: RuleField): ValidatorFn[] {
  const { min, max } = PORTAL_RULE_LIMITS[field];
  return [Validators.required, wholeNumber, Validators.min(min), Validators.max(max)];
}

/** The form's fieldsets, in order: the numbers, switches and grid each one holds. */
const GROUPS: readonly { legend: string; numbers: readonly RuleField[]; switches: readonly ('assetSelection' | 'additionalDetails')[]; granularity: boolean }[] = [
  { legend: 'bookingWindowLegend', numbers: ['minLeadDays', 'maxLeadDays'], switches: [], granularity: false },
  { legend: 'choicesLegend', numbers: [], switches: ['assetSelection', 'additionalDetails'], granularity: false },
  { legend: 'travelLegend', numbers: ['travelRadiusKm', 'travelBufferMinutes'], switches: [], granularity: true },
  { legend: 'changesLegend', numbers: ['rescheduleCutOffHours', 'cancelCutOffHours'], switches: [], granularity: false },
];

/** The first booking day must come before the last; reported on the minimum, as the API does. */
const leadOrder: ValidatorFn = (group: AbstractControl): ValidationErrors | null => {
  const [min, max] = [group.get('minLeadDays'), group.get('maxLeadDays')];
  // A lead that is wrong by itself says so; the order is judged between two valid leads only.
  if (!min?.valid || !max?.valid) return null;
  return (min.value as number) >= (max.value as number) ? { leadOrder: { min: min.value as number, max: max.value as number } } : null;
};

/** The portal's own settings for the chosen environment: its name and the rules customers book by. */
@Component({
  selector: 'fb-portal-settings-page',
  imports: [ReactiveFormsModule, TranslatePipe],
  templateUrl: './portal-settings.page.html',
  styles: [
    `
      .settings-fieldset { border: 0; margin: 0; padding: 0; min-width: 0; display: grid; gap: 1.25rem; }
      fieldset.group { border: 1px solid var(--color-border, #d1d5db); border-radius: 0.5rem; padding: 0.75rem 1rem 1rem; margin: 0; min-width: 0; display: grid; gap: 1rem; }
      fieldset.group legend { font-weight: 600; padding: 0 0.25rem; }
      .pair { display: flex; flex-wrap: wrap; gap: 1rem; }
      .pair .field input { max-width: 10rem; }
    `,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalSettingsPage extends SettingsForm implements HasUnsavedChanges {
  private readonly settings = inject(SettingsService);
  private readonly formBuilder = inject(NonNullableFormBuilder);
  private loaded: PortalSettings | null = null;

  protected readonly max = PORTAL_NAME_MAX;
  protected readonly limits = PORTAL_RULE_LIMITS;
  protected readonly granularities = SLOT_GRANULARITIES;
  protected readonly ids = IDS;
  protected readonly groups = GROUPS;
  protected readonly form = this.formBuilder.group(
    {
      portalName: ['', [Validators.required, Validators.maxLength(PORTAL_NAME_MAX), Validators.pattern(/\S/)]],
      minLeadDays: this.formBuilder.control<number | null>(null, rule('minLeadDays')),
      maxLeadDays: this.formBuilder.control<number | null>(null, rule('maxLeadDays')),
      assetSelection: true,
      additionalDetails: true,
      travelRadiusKm: this.formBuilder.control<number | null>(null, rule('travelRadiusKm')),
      travelBufferMinutes: this.formBuilder.control<number | null>(null, rule('travelBufferMinutes')),
      slotGranularityMinutes: this.formBuilder.control<SlotGranularityMinutes>(30, Validators.required),
      rescheduleCutOffHours: this.formBuilder.control<number | null>(null, rule('rescheduleCutOffHours')),
      cancelCutOffHours: this.formBuilder.control<number | null>(null, rule('cancelCutOffHours')),
    },
    { validators: leadOrder },
  );
  protected readonly errors = new FormErrors(this.form, this.t, {
    portalName: 'settings.portal.portalName',
    minLeadDays: 'settings.portal.minLeadDays',
    maxLeadDays: 'settings.portal.maxLeadDays',
    assetSelection: 'settings.portal.assetSelection',
    additionalDetails: 'settings.portal.additionalDetails',
    travelRadiusKm: 'settings.portal.travelRadiusKm',
    travelBufferMinutes: 'settings.portal.travelBufferMinutes',
    slotGranularityMinutes: 'settings.portal.slotGranularityMinutes',
    rescheduleCutOffHours: 'settings.portal.rescheduleCutOffHours',
    cancelCutOffHours: 'settings.portal.cancelCutOffHours',
  });

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

  /** The message next to a field: number rules and the booking window in words, else what FormErrors says. */
  protected problemFor(name: Field): string | null {
    const control = this.form.controls[name];
    if (control.touched) {
      const field = this.t(`settings.portal.${name}`);
      const errors = control.errors ?? {};
      if (errors['required']) return this.t('api:validation.isNotEmpty', { field });
      if (errors['integer']) return this.t('api:validation.isInt', { field });
      if (errors['min']) return this.t('api:validation.min', { field, min: (errors['min'] as { min: number }).min });
      if (errors['max']) return this.t('api:validation.max', { field, max: (errors['max'] as { max: number }).max });
    }
    const order = this.form.errors?.['leadOrder'] as { min: number; max: number } | undefined;
    const window = this.form.controls.minLeadDays.touched || this.form.controls.maxLeadDays.touched;
    if (name === 'minLeadDays' && order && window) return this.t('api:validation.leadDaysOrder', order);
    return this.errors.for(name);
  }

  /** The ids that describe a field: its error (when shown) and its hint. */
  protected describedBy(name: Field, hint = true): string | null {
    const ids = [...(this.problemFor(name) ? [`${IDS[name]}-error`] : []), ...(hint ? [`${IDS[name]}-hint`] : [])];
    return ids.length ? ids.join(' ') : null;
  }

  protected save(): void {
    const environment = this.context.environment();
    if (!environment || this.saving() || !this.canChange()) return;
    if (!this.errors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    this.startSave();
    this.settings.updatePortal(environment.id, this.changes()).subscribe({
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

  /** Only what differs from the loaded settings, so that a change made elsewhere meanwhile is kept. */
  private changes(): UpdatePortalSettingsRequest {
    const value = { ...this.form.getRawValue(), portalName: this.form.getRawValue().portalName.trim() };
    const change: Record<string, unknown> = {};
    for (const field of FIELDS) if (!this.loaded || value[field] !== this.loaded[field]) change[field] = value[field];
    return change as UpdatePortalSettingsRequest;
  }

  private show(settings: PortalSettings): void {
    this.loaded = settings;
    this.form.reset({
      portalName: settings.portalName,
      minLeadDays: settings.minLeadDays,
      maxLeadDays: settings.maxLeadDays,
      assetSelection: settings.assetSelection,
      additionalDetails: settings.additionalDetails,
      travelRadiusKm: settings.travelRadiusKm,
      travelBufferMinutes: settings.travelBufferMinutes,
      slotGranularityMinutes: settings.slotGranularityMinutes,
      rescheduleCutOffHours: settings.rescheduleCutOffHours,
      cancelCutOffHours: settings.cancelCutOffHours,
    });
    this.errors.reset();
  }
}
