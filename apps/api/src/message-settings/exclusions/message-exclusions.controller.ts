import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MessageExclusion } from '@fieldbook/contracts';
import { RequireRole } from '../../auth/access';
import { CurrentAdmin } from '../../common/current';
import { EntityId } from '../../common/entity-id.pipe';
import { AdminPrincipal } from '../../common/request-context';
import { EnvironmentScoped } from '../../tenancy/environment-access.guard';
import { CreateMessageExclusionDto } from './dto/message-exclusion.dto';
import { MessageExclusionsService } from './message-exclusions.service';

const NOT_FOUND = 'api:messageSettings.errors.exclusionNotFound';

@ApiTags('message settings')
@EnvironmentScoped()
@Controller('environments/:environmentId/message-exclusions')
export class MessageExclusionsController {
  constructor(private readonly exclusions: MessageExclusionsService) {}

  @Get()
  @ApiOperation({ summary: 'Accounts and service types that get no customer messages, with their names' })
  list(): Promise<MessageExclusion[]> {
    return this.exclusions.list();
  }

  @Post()
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: 'Silence every message about an account or a service type (404 when it does not exist here, 409 when already excluded)' })
  create(@Body() body: CreateMessageExclusionDto, @CurrentAdmin() admin: AdminPrincipal): Promise<MessageExclusion> {
    return this.exclusions.create(body, admin.id);
  }

  @Delete(':exclusionId')
  @RequireRole('owner', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Take an account or service type off the exclusion list' })
  remove(@Param('exclusionId', EntityId(NOT_FOUND)) id: string, @CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    return this.exclusions.remove(id, admin.id);
  }
}
