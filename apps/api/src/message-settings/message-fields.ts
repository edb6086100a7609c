import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

/**
 * PATCH fields of settings that always have a value: left out keeps the stored one; sent as null
 * is refused ("… is required"), never stored.
 */
const kept = () => [ValidateIf((_object: object, value: unknown) => value !== undefined), IsNotEmpty()];

export function KeptBooleanField(description?: string) {
  return applyDecorators(ApiPropertyOptional({ type: Boolean, description }), ...kept(), IsBoolean());
}

export function KeptOneOfField<T extends string>(values: readonly T[], description?: string) {
  return applyDecorators(ApiPropertyOptional({ enum: [...values], description }), ...kept(), IsString(), MaxLength(50), IsIn([...values]));
}

/** Text whose format the service checks (a time, a colour) with its own sentence; the length cap keeps error messages short. */
export function KeptFormattedText(options: { max: number; example: string; description: string; pattern?: string }) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, example: options.example, description: options.description, pattern: options.pattern }),
    ...kept(),
    IsString(),
    MaxLength(options.max),
  );
}

/** Like KeptFormattedText, but null clears the value. */
export function NullableFormattedText(options: { max: number; example: string; description: string; pattern?: string }) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, example: options.example, description: options.description, pattern: options.pattern }),
    IsOptional(),
    IsString(),
    MaxLength(options.max),
  );
}
