import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page, ServiceType } from '@fieldbook/contracts';
import { RequireRole } from '../auth/access';
import { CurrentAdmin } from '../common/current';
import { EntityId } from '../common/entity-id.pipe';
import { AdminPrincipal } from '../common/request-context';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { CreateServiceTypeDto, ServiceTypeListQueryDto, UpdateServiceTypeDto } from './dto/service-type.dto';
import { ServiceTypesService } from './service-types.service';

const ServiceTypeId = () => Param('serviceTypeId', EntityId('serviceTypeNotFound'));

@ApiTags('service types')
@EnvironmentScoped()
@Controller('environments/:environmentId/service-types')
export class ServiceTypesController {
  constructor(private readonly serviceTypes: ServiceTypesService) {}

  @Get()
  @ApiOperation({ summary: 'Service types; search name or external key; sort by name, durationMinutes, createdAt or updatedAt; filter by portalEnabled and active' })
  list(@Query() query: ServiceTypeListQueryDto): Promise<Page<ServiceType>> {
    return this.serviceTypes.list(query);
  }

  @Get(':serviceTypeId')
  @ApiOperation({ summary: 'One service type with its required skills' })
  get(@ServiceTypeId() id: string): Promise<ServiceType> {
    return this.serviceTypes.get(id);
  }

  @Post()
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: 'Create a service type with required skills and display names' })
  create(@Body() body: CreateServiceTypeDto, @CurrentAdmin() admin: AdminPrincipal): Promise<ServiceType> {
    return this.serviceTypes.create(body, admin.id);
  }

  @Patch(':serviceTypeId')
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: 'Change fields, replace required skills or display names, deactivate (409 while open work orders use it) or reactivate' })
  update(@ServiceTypeId() id: string, @Body() body: UpdateServiceTypeDto, @CurrentAdmin() admin: AdminPrincipal): Promise<ServiceType> {
    return this.serviceTypes.update(id, body, admin.id);
  }

  @Delete(':serviceTypeId')
  @RequireRole('owner', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a service type no work order used (409 otherwise: deactivate instead)' })
  remove(@ServiceTypeId() id: string, @CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    return this.serviceTypes.remove(id, admin.id);
  }
}
