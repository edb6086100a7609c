import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SlotsResponse } from '@fieldbook/contracts';
import type { Request } from 'express';
import { requestTranslator } from '../common/error-body';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { SlotQueryDto } from './dto/slot-query.dto';
import { SlotsService } from './slots.service';

@ApiTags('scheduling')
@EnvironmentScoped()
@Controller('environments/:environmentId/slots')
export class SlotsController {
  constructor(private readonly slots: SlotsService) {}

  @Get()
  @ApiOperation({
    summary: 'Bookable times for a service type at a service location',
    description:
      "Dates are local to the service location; times come back in its zone (ISO 8601 with offset). The range is clamped to the booking window; when nothing is free the reasons say why.",
  })
  search(@Query() query: SlotQueryDto, @Req() req: Request): Promise<SlotsResponse> {
    return this.slots.search(query, requestTranslator(req));
  }
}
