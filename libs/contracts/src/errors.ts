import type { SlotView } from './bookings';

/** One field's problem, as shown next to that field. */
export interface FieldError {
  /** Dotted path of the field in the request body or query, e.g. `email`. */
  field: string;
  /** Machine-readable reason, e.g. `isEmail`, `maxLength`, `unknownField`. */
  code: string;
  /** A sentence a person understands, in the request's language. */
  message: string;
}

/** Every error the API returns has this shape. */
export interface ErrorBody {
  statusCode: number;
  /** The HTTP reason phrase, e.g. `Bad Request`. */
  error: string;
  /** A sentence a person understands, in the request's language. */
  message: string;
  /** Machine-readable error code, e.g. `emailTaken`. */
  code?: string;
  details?: FieldError[];
  /** With a 409 for a time that was taken meanwhile: fresh times to offer instead. */
  alternatives?: SlotView[];
}
