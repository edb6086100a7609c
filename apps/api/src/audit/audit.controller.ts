import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditEvent, Page } from '@fieldbook/contracts';
import { PageQueryDto } from '../common/pagination';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { AuditService } from './audit.service';

@ApiTags('audit')
@EnvironmentScoped()
@Controller('environments/:environmentId/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Who changed what in this environment, newest first' })
  list(@Query() query: PageQueryDto): Promise<Page<AuditEvent>> {
    return this.audit.list(query);
  }
}
