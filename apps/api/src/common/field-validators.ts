import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateBy, ValidateIf, isISO31661Alpha2 } from 'class-validator';

/**
 * How a field may appear in a request body:
 * - `required`: must be sent (create);
 * - `nullable`: may be left out, or sent as null to clear it (an optional column);
 * - `keep`: may be left out to keep the stored value, but not sent as null (PATCH of a column that
 *   always has a value).
 */
export type Presence = 'required' | 'nullable' | 'keep';

interface FieldDoc {
  type?: typeof String | typeof Number;
  format?: string;
  example?: string | number;
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
}

function presence(kind: Presence, doc: FieldDoc) {
  if (kind === 'required') return [ApiProperty(doc), IsNotEmpty()];
  if (kind === 'nullable') return [ApiPropertyOptional({ ...doc, nullable: true }), IsOptional()];
  // Skips validation only when the field is absent; null then fails IsNotEmpty ("… is required").
  return [ApiPropertyOptional(doc), ValidateIf((_object: object, value: unknown) => value !== undefined), IsNotEmpty()];
}

const trimmed = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Text for a PATCH of a column that always has a value: leave it out to keep it, never null or blank. */
export function KeptTextField(options: { max: number; example?: string; description?: string }) {
  return applyDecorators(...presence('keep', { type: String, maxLength: options.max, example: options.example, description: options.description }), trimmed, IsString(), MaxLength(options.max));
}

/**
 * The IANA zone `value` names, or undefined when it names none. The spelling given is kept (ICU
 * would turn Asia/Kathmandu into the older Asia/Katmandu); only a difference in letter case is
 * corrected ('america/new_york' → 'America/New_York').
 */
export function canonicalTimeZone(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return undefined;
  // Area/Location names and UTC only: abbreviations like "EST" or "CET" are legacy aliases that
  // people read as fixed offsets, and ICU would quietly resolve them to some city.
  if (!value.includes('/') && value.toUpperCase() !== 'UTC') return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
}

/** An IANA time zone, as canonicalTimeZone() spells it. */
export function TimeZoneField(kind: Presence = 'required') {
  return applyDecorators(
    ...presence(kind, { type: String, maxLength: 64, example: 'America/Chicago', description: 'IANA time zone' }),
    Transform(({ value }) => (typeof value === 'string' ? canonicalTimeZone(value.trim()) ?? value : value)),
    IsString(),
    // The message carries the refused name: validation.ts passes it to the translated sentence.
    ValidateBy({
      name: 'timeZone',
      validator: { validate: (value) => canonicalTimeZone(value) !== undefined, defaultMessage: (args) => String(args?.value).slice(0, 64) },
    }),
  );
}

function DegreesField(limit: number, kind: Presence, example: number, description: string) {
  return applyDecorators(
    ...presence(kind, { type: Number, minimum: -limit, maximum: limit, example, description }),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(-limit),
    Max(limit),
  );
}

/** Degrees north (−90 … 90), WGS 84. */
export const LatitudeField = (kind: Presence = 'required') => DegreesField(90, kind, 41.8781, 'Latitude in degrees (WGS 84)');

/** Degrees east (−180 … 180), WGS 84. */
export const LongitudeField = (kind: Presence = 'required') => DegreesField(180, kind, -87.6298, 'Longitude in degrees (WGS 84)');

/** ISO 3166-1 alpha-2 country code, upper-cased ('us' → 'US'). */
export function CountryField(kind: Presence = 'required') {
  return applyDecorators(
    ...presence(kind, { type: String, example: 'US', description: 'ISO 3166-1 alpha-2 country code' }),
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value)),
    IsString(),
    ValidateBy({ name: 'isCountry', validator: { validate: (value) => isISO31661Alpha2(value), defaultMessage: () => 'not an ISO 3166-1 alpha-2 code' } }),
  );
}

/** E.164 phone number. Spaces, dots, dashes and brackets people type are dropped: '+1 (415) 555-0123' → '+14155550123'. */
export const E164 = /^\+[1-9][0-9]{6,14}$/;

export function PhoneField(kind: Presence = 'nullable') {
  return applyDecorators(
    ...presence(kind, { type: String, example: '+14155550123', description: 'International format (E.164)', pattern: E164.source }),
    Transform(({ value }) => (typeof value === 'string' ? value.replace(/[\s().-]/g, '') : value)),
    IsString(),
    ValidateBy({ name: 'phoneNumber', validator: { validate: (value) => typeof value === 'string' && E164.test(value), defaultMessage: () => 'not an E.164 number' } }),
  );
}
