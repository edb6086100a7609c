import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { CONTACT_CHANNELS, PortalContact, UpdatePortalProfileRequest } from '@fieldbook/contracts';
import { ApiProblem, FormErrors, focusFirstProblem, toApiProblem } from '@fieldbook/ui-core';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { PortalContext } from '../core/portal-context';
import { PortalSessionService, safeReturnUrl } from '../core/portal-session.service';

const NAME_MAX_LENGTH = 100;

/**
 * The customer's own details and how they want to hear from the company. Right after the first
 * sign-in it is a step of its own, which can be skipped; then it leads on to the page asked for.
 */
@Component({
  selector: 'fb-profile-page',
  imports: [ReactiveFormsModule, TranslatePipe],
  templateUrl: './profile.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfilePage {
  private readonly sessions = inject(PortalSessionService);
  private readonly portal = inject(PortalContext);
  private readonly router = inject(Router);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  private readonly t = inject(I18n).t;
  protected readonly languages = inject(I18n).languages;
  protected readonly channels = CONTACT_CHANNELS;

  /** Where to go once the profile step is done (set by the guard that asked for it). */
  readonly returnUrl = input<string>();

  protected readonly contact = this.sessions.contact;
  /** The profile step after the first sign-in, rather than an edit from the menu. */
  protected readonly firstTime = this.sessions.session()?.profilePending ?? false;
  protected readonly form = inject(NonNullableFormBuilder).group({
    firstName: ['', [Validators.required, Validators.maxLength(NAME_MAX_LENGTH)]],
    lastName: ['', [Validators.required, Validators.maxLength(NAME_MAX_LENGTH)]],
    phone: [''],
    language: [''],
    preferredChannel: [''],
  });
  protected readonly errors = new FormErrors(this.form, this.t, {
    firstName: 'api:fields.firstName',
    lastName: 'api:fields.lastName',
    phone: 'api:fields.phone',
    language: 'profile.language',
    preferredChannel: 'profile.channel',
  });
  protected readonly busy = signal<'save' | 'skip' | null>(null);
  protected readonly saved = signal(false);
  private readonly skipFailure = signal<ApiProblem | null>(null);
  /** What went wrong with the last save or skip, for the summary above the form. */
  protected readonly problem = computed(() => this.skipFailure() ?? this.errors.problem());

  constructor() {
    const contact = this.contact();
    if (contact) this.fill(contact);
  }

  protected save(): void {
    if (this.busy()) return;
    this.saved.set(false);
    this.skipFailure.set(null);
    if (!this.errors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    this.busy.set('save');
    const value = this.form.getRawValue();
    const patch: UpdatePortalProfileRequest = {
      firstName: value.firstName.trim(),
      lastName: value.lastName.trim(),
      phone: value.phone.trim() || null,
      language: value.language || null,
      preferredChannel: (value.preferredChannel || null) as UpdatePortalProfileRequest['preferredChannel'],
    };
    this.sessions.updateProfile(patch).subscribe({
      next: (session) => {
        this.busy.set(null);
        if (this.firstTime || this.returnUrl()) return this.continue();
        this.fill(session.contact);
        this.errors.reset();
        this.saved.set(true);
        afterNextRender(() => this.host.querySelector<HTMLElement>('#profile-saved')?.focus(), { injector: this.injector });
      },
      error: (error: unknown) => this.failed(error, () => this.errors.fail(error)),
    });
  }

  protected skip(): void {
    if (this.busy()) return;
    this.saved.set(false);
    this.errors.reset();
    this.skipFailure.set(null);
    this.busy.set('skip');
    this.sessions.skipProfile().subscribe({
      next: () => this.continue(),
      error: (error: unknown) => this.failed(error, () => this.skipFailure.set(toApiProblem(error, this.t))),
    });
  }

  private continue(): void {
    void this.router.navigateByUrl(safeReturnUrl(this.returnUrl(), this.portal.slug()));
  }

  private failed(error: unknown, show: () => void): void {
    this.busy.set(null);
    show();
    focusFirstProblem(this.host, this.injector);
  }

  private fill(contact: PortalContact): void {
    this.form.setValue({
      firstName: contact.firstName,
      lastName: contact.lastName,
      phone: contact.phone ?? '',
      language: contact.language ?? '',
      preferredChannel: contact.preferredChannel ?? '',
    });
  }
}
