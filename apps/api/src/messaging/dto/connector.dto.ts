import { ApiPropertyOptional } from '@nestjs/swagger';
import { ConnectorTestRequest, EnableConnectorRequest, MESSAGE_CHANNELS, MessageChannel } from '@fieldbook/contracts';
import { IsObject, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination';
import { OneOfField, TextField } from '../../common/validation';

export class EnableConnectorDto implements EnableConnectorRequest {
  @TextField({ max: 40, example: 'smtp', description: 'Id of an installed connector (GET /api/connectors) for this channel' })
  connectorId: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { host: 'smtp.example.com', port: 587, username: 'bookings', password: 'app-password', fromAddress: 'bookings@example.com' },
    description: "Settings by key, per the connector's configSchema. Secrets are write-only: leave one out (or send it back masked) to keep the stored value.",
  })
  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;
}

export class ConnectorTestDto implements ConnectorTestRequest {
  // Checked by channel in the service, with messages about the test recipient.
  @TextField({ max: 320, optional: true, allowEmpty: true, example: 'alex@example.com', description: 'An email address (email) or an international phone number such as +14155550123 (SMS)' })
  to: string;
}

export class MailboxQueryDto extends PageQueryDto {
  @OneOfField<MessageChannel>(MESSAGE_CHANNELS, { optional: true, description: 'Only messages of this channel' })
  channel?: MessageChannel;
}
