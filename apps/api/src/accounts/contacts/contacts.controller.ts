import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Contact, Page } from '@fieldbook/contracts';
import { RequireRole } from '../../auth/access';
import { CurrentAdmin } from '../../common/current';
import { EntityId } from '../../common/entity-id.pipe';
import { AdminPrincipal } from '../../common/request-context';
import { EnvironmentScoped } from '../../tenancy/environment-access.guard';
import { CUSTOMER_EDITORS, ContactListQueryDto, CustomerListQueryDto } from '../customer-records';
import { ContactsService } from './contacts.service';
import { CreateContactDto, UpdateContactDto } from './dto/contact.dto';

const SEARCH = 'search by name, email, phone or external key; sort by name, email, createdAt or updatedAt';

@ApiTags('contacts')
@EnvironmentScoped()
@Controller('environments/:environmentId')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get('contacts')
  @ApiOperation({ summary: `Contacts of every account; ${SEARCH}` })
  list(@Query() query: ContactListQueryDto): Promise<Page<Contact>> {
    return this.contacts.list(query);
  }

  @Get('accounts/:accountId/contacts')
  @ApiOperation({ summary: `Contacts of one account; ${SEARCH}` })
  listOfAccount(@Param('accountId', EntityId('accountNotFound')) accountId: string, @Query() query: CustomerListQueryDto): Promise<Page<Contact>> {
    return this.contacts.listOfAccount(accountId, query);
  }

  @Post('accounts/:accountId/contacts')
  @RequireRole(...CUSTOMER_EDITORS)
  @ApiOperation({ summary: 'Add a contact to an active account (the email address is unique in the environment)' })
  create(@Param('accountId', EntityId('accountNotFound')) accountId: string, @Body() body: CreateContactDto, @CurrentAdmin() admin: AdminPrincipal): Promise<Contact> {
    return this.contacts.create(accountId, body, admin.id);
  }

  @Get('contacts/:contactId')
  @ApiOperation({ summary: 'One contact' })
  get(@Param('contactId', EntityId('contactNotFound')) id: string): Promise<Contact> {
    return this.contacts.get(id);
  }

  @Patch('contacts/:contactId')
  @RequireRole(...CUSTOMER_EDITORS)
  @ApiOperation({ summary: 'Change a contact; active: false deactivates it (409 with the reason while they reported open work orders)' })
  update(@Param('contactId', EntityId('contactNotFound')) id: string, @Body() body: UpdateContactDto, @CurrentAdmin() admin: AdminPrincipal): Promise<Contact> {
    return this.contacts.update(id, body, admin.id);
  }

  @Delete('contacts/:contactId')
  @RequireRole(...CUSTOMER_EDITORS)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a contact no work order names (409 with the reason otherwise; deactivate them instead)' })
  remove(@Param('contactId', EntityId('contactNotFound')) id: string, @CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    return this.contacts.remove(id, admin.id);
  }
}
