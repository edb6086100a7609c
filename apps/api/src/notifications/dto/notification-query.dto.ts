import { MESSAGE_CHANNELS, MESSAGE_TYPES, MessageChannel, MessageType, NOTIFICATION_STATES, NotificationState } from '@fieldbook/contracts';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/pagination';
import { OneOfField } from '../../common/validation';
import { NotificationFilter } from '../notifications.service';

export class NotificationQueryDto extends PageQueryDto implements NotificationFilter {
  @OneOfField(NOTIFICATION_STATES, { optional: true })
  state?: NotificationState;

  @OneOfField(MESSAGE_TYPES, { optional: true })
  type?: MessageType;

  @OneOfField(MESSAGE_CHANNELS, { optional: true })
  channel?: MessageChannel;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  contactId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  bookingId?: string;

  @ApiPropertyOptional({ description: 'Created at or after this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Created before this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
