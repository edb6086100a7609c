import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Account, Page } from '@fieldbook/contracts';
import { RequireRole } from '../auth/access';
import { CurrentAdmin } from '../common/current';
import { EntityId } from '../common/entity-id.pipe';
import { AdminPrincipal } from '../common/request-context';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { AccountsService } from './accounts.service';
import { CUSTOMER_EDITORS, CustomerListQueryDto } from './customer-records';
import { CreateAccountDto, UpdateAccountDto } from './dto/account.dto';

@ApiTags('accounts')
@EnvironmentScoped()
@Controller('environments/:environmentId/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'Accounts; search by name, external key or city, sort by name, city, createdAt or updatedAt' })
  list(@Query() query: CustomerListQueryDto): Promise<Page<Account>> {
    return this.accounts.list(query);
  }

  @Get(':accountId')
  @ApiOperation({ summary: 'One account' })
  get(@Param('accountId', EntityId('accountNotFound')) id: string): Promise<Account> {
    return this.accounts.get(id);
  }

  @Post()
  @RequireRole(...CUSTOMER_EDITORS)
  @ApiOperation({ summary: 'Create an account with its address, position and time zone' })
  create(@Body() body: CreateAccountDto, @CurrentAdmin() admin: AdminPrincipal): Promise<Account> {
    return this.accounts.create(body, admin.id);
  }

  @Patch(':accountId')
  @RequireRole(...CUSTOMER_EDITORS)
  @ApiOperation({
    summary: 'Change an account; active: false deactivates it (409 with the reason while it has active contacts, locations, assets or open work orders)',
  })
  update(@Param('accountId', EntityId('accountNotFound')) id: string, @Body() body: UpdateAccountDto, @CurrentAdmin() admin: AdminPrincipal): Promise<Account> {
    return this.accounts.update(id, body, admin.id);
  }

  @Delete(':accountId')
  @RequireRole(...CUSTOMER_EDITORS)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete an account nothing refers to (409 with the reason otherwise; deactivate it instead)' })
  remove(@Param('accountId', EntityId('accountNotFound')) id: string, @CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    return this.accounts.remove(id, admin.id);
  }
}
