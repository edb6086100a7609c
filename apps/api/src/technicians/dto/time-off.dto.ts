import { CreateTimeOffRequest, TimeOffListQuery } from '@fieldbook/contracts';
import { PageQueryDto } from '../../common/pagination';
import { BooleanQueryField } from '../../common/structured-fields';
import { TextField } from '../../common/validation';

export class CreateTimeOffDto implements CreateTimeOffRequest {
  @TextField({ max: 40, example: '2026-03-02T08:00:00+01:00', description: 'ISO 8601 with an offset or Z' })
  startsAt: string;

  @TextField({ max: 40, example: '2026-03-06T17:00:00+01:00', description: 'ISO 8601 with an offset or Z; after startsAt' })
  endsAt: string;

  @TextField({ max: 200, optional: true, example: 'Vacation' })
  reason?: string;
}

export class TimeOffListQueryDto extends PageQueryDto implements TimeOffListQuery {
  @BooleanQueryField('Also list time off that is already over')
  includePast?: boolean;
}
