import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { FormErrors } from './form-errors';

const translate = (key: string, params?: Record<string, string | number>) => `${key}${params ? JSON.stringify(params) : ''}`;

function aForm() {
  const form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.minLength(12)] }),
  });
  return { form, errors: new FormErrors(form, translate, { email: 'api:fields.email', password: 'api:fields.password' }) };
}

describe('FormErrors', () => {
  it('says nothing before the field was left or the form submitted', () => {
    const { errors } = aForm();
    expect(errors.for('email')).toBeNull();
  });

  it('names the field in the browser-side message once submitted', () => {
    const { form, errors } = aForm();
    expect(errors.readyToSend()).toBe(false);
    expect(errors.for('email')).toBe('api:validation.isNotEmpty{"field":"api:fields.email"}');
    form.controls.email.setValue('nope');
    expect(errors.for('email')).toBe('api:validation.isEmail{"field":"api:fields.email"}');
    form.controls.password.setValue('short');
    expect(errors.for('password')).toBe('api:errors.passwordTooShort{"min":12}');
  });

  it('shows the API’s message for a field until that field is edited', () => {
    const { form, errors } = aForm();
    form.setValue({ email: 'dana@example.test', password: 'password1234' });
    expect(errors.readyToSend()).toBe(true);
    errors.fail(
      new HttpErrorResponse({
        status: 400,
        error: { statusCode: 400, error: 'Bad Request', message: 'Some fields are not valid.', details: [{ field: 'password', code: 'passwordTooCommon', message: 'Too common.' }] },
      }),
    );
    expect(errors.problem()?.message).toBe('Some fields are not valid.');
    expect(errors.for('password')).toBe('Too common.');
    form.controls.password.setValue('another long password');
    expect(errors.for('password')).toBeNull();
    errors.reset();
    expect(errors.problem()).toBeNull();
  });
});
