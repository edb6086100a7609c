import { AbstractControl, FormGroup } from '@angular/forms';
import { signal } from '@angular/core';
import { ApiProblem, toApiProblem } from './api-problem';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * What a form says is wrong, field by field: the API's message for a field until that field is
 * edited, else the browser-side check once the field was left or the form submitted.
 */
export class FormErrors<Controls extends Record<string, AbstractControl>> {
  private readonly submitted = signal(false);
  private readonly failure = signal<{ problem: ApiProblem; values: Record<string, unknown> } | null>(null);

  /** The whole failure, for the summary above the form. */
  readonly problem = () => this.failure()?.problem ?? null;

  constructor(
    private readonly form: FormGroup<Controls>,
    private readonly translate: Translate,
    /** Catalog key of each field's label, used in messages such as "Email is required." */
    private readonly labels: Record<keyof Controls & string, string>,
  ) {}

  /** The message to show next to `name`, or null. */
  for(name: keyof Controls & string): string | null {
    const control = this.form.controls[name];
    const failure = this.failure();
    const serverMessage = failure?.problem.fields[name];
    if (serverMessage && failure.values[name] === control.value) return serverMessage;
    if (!control.invalid || !(control.touched || this.submitted())) return null;
    return this.clientMessage(name, control);
  }

  /** Call on submit; false (and every problem shown) when the form cannot be sent yet. */
  readyToSend(): boolean {
    this.submitted.set(true);
    this.failure.set(null);
    this.form.markAllAsTouched();
    return this.form.valid;
  }

  /** After a successful send that keeps the form on screen: start over, showing nothing. */
  reset(): void {
    this.submitted.set(false);
    this.failure.set(null);
  }

  fail(error: unknown): void {
    this.failure.set({ problem: toApiProblem(error, this.translate), values: { ...this.form.getRawValue() } });
  }

  private clientMessage(name: keyof Controls & string, control: AbstractControl): string {
    const field = this.translate(this.labels[name]);
    const errors = control.errors ?? {};
    if (errors['required']) return this.translate('api:validation.isNotEmpty', { field });
    if (errors['email']) return this.translate('api:validation.isEmail', { field });
    if (errors['minlength']) return this.translate('api:errors.passwordTooShort', { min: (errors['minlength'] as { requiredLength: number }).requiredLength });
    if (errors['maxlength']) return this.translate('api:validation.maxLength', { field, max: (errors['maxlength'] as { requiredLength: number }).requiredLength });
    return this.translate('api:validation.invalid', { field });
  }
}
