import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Asset, Page } from '@fieldbook/contracts';
import { RequireRole } from '../../auth/access';
import { CurrentAdmin } from '../../common/current';
import { EntityId } from '../../common/entity-id.pipe';
import { AdminPrincipal } from '../../common/request-context';
import { EnvironmentScoped } from '../../tenancy/environment-access.guard';
import { AssetListQueryDto, CUSTOMER_EDITORS } from '../customer-records';
import { AssetsService } from './assets.service';
import { CreateAssetDto, UpdateAssetDto } from './dto/asset.dto';

@ApiTags('assets')
@EnvironmentScoped()
@Controller('environments/:environmentId/assets')
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  @Get()
  @ApiOperation({ summary: 'Assets, optionally of one account or functional location; search by name, serial number or external key, sort by name, serialNumber, createdAt or updatedAt' })
  list(@Query() query: AssetListQueryDto): Promise<Page<Asset>> {
    return this.assets.list(query);
  }

  @Get(':assetId')
  @ApiOperation({ summary: 'One asset' })
  get(@Param('assetId', EntityId('assetNotFound')) id: string): Promise<Asset> {
    return this.assets.get(id);
  }

  @Post()
  @RequireRole(...CUSTOMER_EDITORS)
  @ApiOperation({ summary: 'Create an asset of an active account, optionally at one of its active functional locations' })
  create(@Body() body: CreateAssetDto, @CurrentAdmin() admin: AdminPrincipal): Promise<Asset> {
    return this.assets.create(body, admin.id);
  }

  @Patch(':assetId')
  @RequireRole(...CUSTOMER_EDITORS)
  @ApiOperation({ summary: 'Change an asset or move it to another location of its account; active: false deactivates it (409 with the reason while open work orders are for it)' })
  update(@Param('assetId', EntityId('assetNotFound')) id: string, @Body() body: UpdateAssetDto, @CurrentAdmin() admin: AdminPrincipal): Promise<Asset> {
    return this.assets.update(id, body, admin.id);
  }

  @Delete(':assetId')
  @RequireRole(...CUSTOMER_EDITORS)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete an asset no work order refers to (409 with the reason otherwise; deactivate it instead)' })
  remove(@Param('assetId', EntityId('assetNotFound')) id: string, @CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    return this.assets.remove(id, admin.id);
  }
}
