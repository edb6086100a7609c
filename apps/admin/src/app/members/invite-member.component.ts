import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { InvitationCreated, ROLES, Role } from '@fieldbook/contracts';
import { I18n, LocalDatePipe, TranslatePipe } from '@fieldbook/ui-i18n';
import { CopyButtonComponent } from '../shared/copy-button.component';
import { focusFirstProblem, FormErrors } from '@fieldbook/ui-core';
import { MembersService } from './members.service';

/** Invites someone by email with a role, then shows the single-use link once so it can be passed on. */
@Component({
  selector: 'fb-invite-member',
  imports: [ReactiveFormsModule, TranslatePipe, LocalDatePipe, CopyButtonComponent],
  templateUrl: './invite-member.component.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InviteMemberComponent {
  private readonly members = inject(MembersService);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);

  readonly organizationId = input.required<string>();
  /** Only owners may invite owners. */
  readonly allowOwner = input(false);
  readonly invited = output<InvitationCreated>();

  protected readonly roles = computed(() => ROLES.filter((role) => role !== 'owner' || this.allowOwner()));
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    role: ['dispatcher' as Role, Validators.required],
  });
  protected readonly errors = new FormErrors(this.form, inject(I18n).t, { email: 'api:fields.email', role: 'api:fields.role' });
  protected readonly busy = signal(false);
  protected readonly created = signal<InvitationCreated | null>(null);

  protected submit(): void {
    if (this.busy()) return;
    if (!this.errors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    this.busy.set(true);
    const { email, role } = this.form.getRawValue();
    this.members.invite(this.organizationId(), { email: email.trim(), role }).subscribe({
      next: (invitation) => {
        this.busy.set(false);
        this.created.set(invitation);
        this.form.reset({ email: '', role });
        this.errors.reset();
        this.invited.emit(invitation);
        afterNextRender(() => this.host.querySelector<HTMLElement>('#invitation-created')?.focus(), { injector: this.injector });
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.fail(error);
        focusFirstProblem(this.host, this.injector);
      },
    });
  }

  protected selectAll(event: Event): void {
    (event.target as HTMLInputElement).select();
  }
}
