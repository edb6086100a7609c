import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { BrandFont, Branding, UpdateBrandingRequest } from '@fieldbook/contracts';
import { FormErrors, focusFirstProblem } from '@fieldbook/ui-core';
import { TranslatePipe } from '@fieldbook/ui-i18n';
import { of, startWith, switchMap, tap } from 'rxjs';
import { LOADING, Loadable, toLoadable } from '../shared/loadable';
import { AA_NORMAL_TEXT, HEX_COLOR, contrastRatio, textColorOn } from './contrast';
import { SettingsForm } from './settings-form';
import { SettingsService } from './settings.service';
import { HasUnsavedChanges } from './unsaved-changes.guard';

export const BRAND_FONTS: readonly BrandFont[] = ['system', 'serif', 'rounded', 'mono'];
const IMAGE_URL_MAX = 2000;
const HTTPS_URL = /^https:\/\/[^\s/?#]+\S*$/;

/** How the portal shows each font choice; the preview uses the same stacks. */
const FONT_STACKS: Record<BrandFont, string> = {
  system: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  serif: "Georgia, Cambria, 'Times New Roman', Times, serif",
  rounded: "ui-rounded, 'SF Pro Rounded', 'Nunito', 'Varela Round', system-ui, sans-serif",
  mono: "ui-monospace, 'SFMono-Regular', 'Cascadia Mono', Menlo, Consolas, monospace",
};

/** The portal's and messages' colours, font and images, with a preview of the portal header. */
@Component({
  selector: 'fb-branding-page',
  imports: [ReactiveFormsModule, TranslatePipe],
  templateUrl: './branding.page.html',
  styles: [
    `
      .settings-fieldset { border: 0; margin: 0; padding: 0; min-width: 0; display: grid; gap: 1rem; }
      .branding-layout { display: grid; gap: 1.5rem; }
      @media (min-width: 60rem) { .branding-layout { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); align-items: start; } }
      .color-row { display: flex; gap: 0.5rem; align-items: center; }
      .color-row input[type='color'] { inline-size: 3rem; block-size: 2.5rem; padding: 0.125rem; }
      .color-row input[type='text'] { flex: 1; min-inline-size: 0; }
      .preview { border: 1px solid currentColor; border-radius: 0.5rem; overflow: hidden; font-family: var(--preview-font); }
      .preview-header { display: flex; align-items: center; gap: 0.75rem; padding: 0.75rem 1rem; background-color: var(--preview-primary); color: var(--preview-on-primary); }
      .preview-header-image { background-image: var(--preview-header-image); background-size: cover; background-position: center; }
      .preview-header img { max-block-size: 2rem; max-inline-size: 8rem; }
      .preview-body { padding: 1rem; display: grid; gap: 0.75rem; justify-items: start; background: #fff; color: #111827; }
      .preview-button { border-radius: 0.375rem; padding: 0.5rem 1rem; font-weight: 600; background-color: var(--preview-primary); color: var(--preview-on-primary); }
      .preview-accent { padding: 0.125rem 0.5rem; border-radius: 999px; font-size: 0.875rem; background-color: var(--preview-accent); color: var(--preview-on-accent); }
    `,
  ],
  // The preview's colours, font and image, as custom properties the styles above read.
  host: {
    '[style.--preview-primary]': 'preview().primary',
    '[style.--preview-on-primary]': 'preview().primaryText',
    '[style.--preview-accent]': 'preview().accent',
    '[style.--preview-on-accent]': 'preview().accentText',
    '[style.--preview-font]': 'preview().font',
    '[style.--preview-header-image]': 'preview().headerImage',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BrandingPage extends SettingsForm implements HasUnsavedChanges {
  private readonly settings = inject(SettingsService);

  protected readonly fonts = BRAND_FONTS;
  protected readonly colorFields = ['primaryColor', 'accentColor'] as const;
  protected readonly urlFields = ['logoUrl', 'headerImageUrl'] as const;
  protected readonly form = inject(NonNullableFormBuilder).group({
    primaryColor: ['', [Validators.required, Validators.pattern(HEX_COLOR)]],
    accentColor: ['', [Validators.required, Validators.pattern(HEX_COLOR)]],
    font: ['system' as BrandFont, Validators.required],
    logoUrl: ['', [Validators.maxLength(IMAGE_URL_MAX), Validators.pattern(HTTPS_URL)]],
    headerImageUrl: ['', [Validators.maxLength(IMAGE_URL_MAX), Validators.pattern(HTTPS_URL)]],
  });
  protected readonly errors = new FormErrors(this.form, this.t, {
    primaryColor: 'settings.branding.primaryColor',
    accentColor: 'settings.branding.accentColor',
    font: 'settings.branding.font',
    logoUrl: 'settings.branding.logoUrl',
    headerImageUrl: 'settings.branding.headerImageUrl',
  });

  protected readonly current = toSignal(
    toObservable(this.context.environment).pipe(
      switchMap((environment) =>
        environment ? toLoadable(this.settings.branding(environment.id).pipe(tap((branding) => this.show(branding))), this.t) : of(LOADING),
      ),
    ),
    { initialValue: LOADING as Loadable<Branding> },
  );

  private readonly values = toSignal(this.form.valueChanges.pipe(startWith(null)), { initialValue: null });
  /** What the preview shows: the form's colours while they are valid, else the last valid ones. */
  protected readonly preview = computed(() => {
    this.values();
    const { primaryColor, accentColor, font, logoUrl, headerImageUrl } = this.form.getRawValue();
    const primary = HEX_COLOR.test(primaryColor) ? primaryColor.toLowerCase() : '#1d4ed8';
    const accent = HEX_COLOR.test(accentColor) ? accentColor.toLowerCase() : '#0f766e';
    const primaryText = textColorOn(primary);
    return {
      primary,
      primaryText,
      accent,
      accentText: textColorOn(accent),
      font: FONT_STACKS[font] ?? FONT_STACKS.system,
      logoUrl: HTTPS_URL.test(logoUrl) ? logoUrl : null,
      headerImage: HTTPS_URL.test(headerImageUrl) ? `url("${headerImageUrl.replace(/["\\]/g, '')}")` : null,
      ratio: Math.round(contrastRatio(primary, primaryText) * 100) / 100,
    };
  });
  protected readonly contrastFails = computed(() => this.preview().ratio < AA_NORMAL_TEXT);

  hasUnsavedChanges(): boolean {
    return this.form.dirty;
  }

  /** The colour picker and the hex field edit the same value. */
  protected pick(field: 'primaryColor' | 'accentColor', event: Event): void {
    const control = this.form.controls[field];
    control.setValue((event.target as HTMLInputElement).value);
    control.markAsDirty();
    control.markAsTouched();
  }

  /** A valid colour for the picker, which accepts nothing else. */
  protected pickerValue(field: 'primaryColor' | 'accentColor'): string {
    const value = this.form.controls[field].value;
    return HEX_COLOR.test(value) ? value.toLowerCase() : '#000000';
  }

  protected save(): void {
    const environment = this.context.environment();
    if (!environment || this.saving() || !this.canChange()) return;
    if (!this.errors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    const value = this.form.getRawValue();
    const request: UpdateBrandingRequest = {
      primaryColor: value.primaryColor.trim().toLowerCase(),
      accentColor: value.accentColor.trim().toLowerCase(),
      font: value.font,
      logoUrl: value.logoUrl.trim() || null,
      headerImageUrl: value.headerImageUrl.trim() || null,
    };
    this.startSave();
    this.settings.updateBranding(environment.id, request).subscribe({
      next: (branding) => {
        this.show(branding);
        this.saved();
      },
      error: (error: unknown) => {
        this.failed(error);
        this.errors.fail(error);
        focusFirstProblem(this.host, this.injector);
      },
    });
  }

  private show(branding: Branding): void {
    this.form.reset({
      primaryColor: branding.primaryColor,
      accentColor: branding.accentColor,
      font: branding.font,
      logoUrl: branding.logoUrl ?? '',
      headerImageUrl: branding.headerImageUrl ?? '',
    });
    this.errors.reset();
  }
}
