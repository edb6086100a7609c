import { applyDecorators, ValidationPipe } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidationError } from 'class-validator';
import { FieldIssue, ValidationFailedError } from './domain-error';

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** A required (or optional) string with a maximum length; every string field has one. */
export function TextField(options: { max: number; min?: number; optional?: boolean; allowEmpty?: boolean; trim?: boolean; example?: string; description?: string }) {
  const doc = { type: String, maxLength: options.max, minLength: options.min, example: options.example, description: options.description };
  // Optional means "may be left out", not "may be blank": a field that is sent must have content.
  return applyDecorators(
    ...(options.optional ? [ApiPropertyOptional(doc), IsOptional()] : [ApiProperty(doc)]),
    ...(options.allowEmpty ? [] : [IsNotEmpty()]),
    ...(options.trim === false ? [] : [trim]),
    IsString(),
    MaxLength(options.max),
    ...(options.min ? [MinLength(options.min)] : []),
  );
}

export function EmailField(options: { optional?: boolean } = {}) {
  const doc = { type: String, format: 'email', maxLength: 254, example: 'alex@example.com' };
  return applyDecorators(
    ...(options.optional ? [ApiPropertyOptional(doc), IsOptional()] : [ApiProperty(doc), IsNotEmpty()]),
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    IsString(),
    MaxLength(254),
    IsEmail({ require_tld: false, allow_ip_domain: false }),
  );
}

export function OneOfField<T extends string>(values: readonly T[], options: { optional?: boolean; description?: string } = {}) {
  const doc = { enum: [...values], description: options.description };
  return applyDecorators(
    ...(options.optional ? [ApiPropertyOptional(doc), IsOptional()] : [ApiProperty(doc), IsNotEmpty()]),
    IsString(),
    MaxLength(50),
    IsIn([...values]),
  );
}

export function IntField(options: { min: number; max: number; optional?: boolean; default?: number }) {
  const doc = { type: Number, minimum: options.min, maximum: options.max, default: options.default };
  return applyDecorators(
    ...(options.optional ? [ApiPropertyOptional(doc), IsOptional()] : [ApiProperty(doc)]),
    Type(() => Number),
    IsInt(),
    Min(options.min),
    Max(options.max),
  );
}

const CODES: Record<string, string> = {
  whitelistValidation: 'unknownField',
  isEnum: 'isIn',
  isUUID: 'isUuid',
};
const KNOWN = new Set(['isNotEmpty', 'isString', 'maxLength', 'minLength', 'isEmail', 'isIn', 'isUuid', 'isBoolean', 'isInt', 'min', 'max', 'unknownField',
  'isNumber', 'isCountry', 'timeZone', 'phoneNumber']);

/** class-validator only gives English sentences; the numbers and lists they carry become parameters. */
function paramsFrom(code: string, message: string): FieldIssue['params'] {
  // The last number: the first may be part of the field's name (addressLine1).
  const number = /(-?\d+(?:\.\d+)?)\D*$/.exec(message)?.[1];
  if (code === 'maxLength' || code === 'max') return { max: number };
  if (code === 'minLength' || code === 'min') return { min: number };
  if (code === 'isIn') return { values: message.split(': ').slice(1).join(': ') };
  // The time zone validator (field-validators.ts) reports the refused name as its message.
  if (code === 'timeZone') return { value: message };
  return {};
}

export function toFieldIssues(errors: ValidationError[], parent = ''): FieldIssue[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => {
      const mapped = CODES[constraint] ?? constraint;
      const code = KNOWN.has(mapped) ? mapped : 'invalid';
      return { field, code, params: paramsFrom(code, message) };
    });
    // Report the first problem of a field only: "is required" makes "must be text" noise.
    return [...own.slice(0, 1), ...toFieldIssues(error.children ?? [], field)];
  });
}

/** Whitelist, refuse unknown fields, transform to DTO classes, report field-level details. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationFailedError(toFieldIssues(errors)),
  });
}
