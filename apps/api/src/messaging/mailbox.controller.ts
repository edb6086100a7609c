import { Controller, Delete, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { MailboxClearResponse, MailboxMessage, MailboxMessageSummary, Page } from '@fieldbook/contracts';
import { RequireRole } from '../auth/access';
import { EntityId } from '../common/entity-id.pipe';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { MailboxQueryDto } from './dto/connector.dto';
import { MailboxService } from './mailbox.service';

@ApiTags('mailbox')
@EnvironmentScoped()
@Controller('environments/:environmentId/mailbox')
export class MailboxController {
  constructor(private readonly mailbox: MailboxService) {}

  @Get()
  @ApiOperation({ summary: 'Messages the mailbox connectors kept in this environment, newest first' })
  list(@Query() query: MailboxQueryDto): Promise<Page<MailboxMessageSummary>> {
    return this.mailbox.list(query);
  }

  @Get(':messageId')
  @ApiParam({ name: 'messageId', format: 'uuid' })
  @ApiOperation({ summary: 'One kept message in full: text, HTML and attachments' })
  get(@Param('messageId', EntityId('api:connectors.errors.mailboxMessageNotFound')) id: string): Promise<MailboxMessage> {
    return this.mailbox.get(id);
  }

  @Delete()
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: "Empty this environment's mailbox" })
  clear(): Promise<MailboxClearResponse> {
    return this.mailbox.clear();
  }
}
