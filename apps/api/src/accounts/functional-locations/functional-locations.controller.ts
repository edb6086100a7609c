import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FunctionalLocation, Page } from '@fieldbook/contracts';
import { RequireRole } from '../../auth/access';
import { CurrentAdmin } from '../../common/current';
import { EntityId } from '../../common/entity-id.pipe';
import { AdminPrincipal } from '../../common/request-context';
import { EnvironmentScoped } from '../../tenancy/environment-access.guard';
import { CUSTOMER_EDITORS, FunctionalLocationListQueryDto } from '../customer-records';
import { CreateFunctionalLocationDto, UpdateFunctionalLocationDto } from './dto/functional-location.dto';
import { FunctionalLocationsService } from './functional-locations.service';

const LOCATION_ID = EntityId('functionalLocationNotFound');

@ApiTags('functional locations')
@EnvironmentScoped()
@Controller('environments/:environmentId/functional-locations')
export class FunctionalLocationsController {
  constructor(private readonly locations: FunctionalLocationsService) {}

  @Get()
  @ApiOperation({ summary: 'Functional locations, optionally of one account; search by name, external key, street or city, sort by name, city, createdAt or updatedAt' })
  list(@Query() query: FunctionalLocationListQueryDto): Promise<Page<FunctionalLocation>> {
    return this.locations.list(query);
  }

  @Get(':functionalLocationId')
  @ApiOperation({ summary: 'One functional location' })
  get(@Param('functionalLocationId', LOCATION_ID) id: string): Promise<FunctionalLocation> {
    return this.locations.get(id);
  }

  @Post()
  @RequireRole(...CUSTOMER_EDITORS)
  @ApiOperation({ summary: 'Create a functional location of an active account, with its address, position and time zone' })
  create(@Body() body: CreateFunctionalLocationDto, @CurrentAdmin() admin: AdminPrincipal): Promise<FunctionalLocation> {
    return this.locations.create(body, admin.id);
  }

  @Patch(':functionalLocationId')
  @RequireRole(...CUSTOMER_EDITORS)
  @ApiOperation({ summary: 'Change a functional location; active: false deactivates it (409 with the reason while active assets or open work orders are there)' })
  update(
    @Param('functionalLocationId', LOCATION_ID) id: string,
    @Body() body: UpdateFunctionalLocationDto,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<FunctionalLocation> {
    return this.locations.update(id, body, admin.id);
  }

  @Delete(':functionalLocationId')
  @RequireRole(...CUSTOMER_EDITORS)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a functional location no asset or work order refers to (409 with the reason otherwise)' })
  remove(@Param('functionalLocationId', LOCATION_ID) id: string, @CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    return this.locations.remove(id, admin.id);
  }
}
