import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsBoolean, IsNotEmpty, IsNumber, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';

/** Field decorators beyond the text and whole-number ones in validation.ts. */

/** An optional true/false query parameter (`?active=false`); any other text is a 400. */
export function BooleanQueryField(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: Boolean, description }),
    IsOptional(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean(),
  );
}

/** A JSON number within [min, max] (e.g. a latitude); text is not turned into a number in a body. */
export function CoordinateField(options: { min: number; max: number; optional?: boolean; example: number }) {
  const doc = { type: Number, minimum: options.min, maximum: options.max, example: options.example };
  return applyDecorators(
    ...(options.optional ? [ApiPropertyOptional(doc), IsOptional()] : [ApiProperty(doc), IsNotEmpty()]),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(options.min),
    Max(options.max),
  );
}

/** The id of another record, named in a body or query. */
export function UuidField(options: { optional?: boolean; description?: string } = {}) {
  const doc = { type: String, format: 'uuid', description: options.description };
  return applyDecorators(...(options.optional ? [ApiPropertyOptional(doc), IsOptional()] : [ApiProperty(doc), IsNotEmpty()]), IsUUID());
}

/** An array of nested objects, each validated as `type`; problems are reported as `field.index.property`. */
export function NestedArrayField(type: new () => object, description: string, optional = true) {
  const doc = { type: [type] as [new () => object], description };
  return applyDecorators(
    ...(optional ? [ApiPropertyOptional(doc), IsOptional()] : [ApiProperty(doc), IsNotEmpty()]),
    IsArray(),
    ValidateNested({ each: true }),
    Type(() => type),
  );
}
