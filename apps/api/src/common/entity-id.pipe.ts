import { ParseUUIDPipe } from '@nestjs/common';
import { NotFoundError } from './domain-error';

/** A path id that is not a UUID names nothing: 404 with the entity's own message, not a 400. */
export const EntityId = (notFoundCode: string) => new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError(notFoundCode) });
