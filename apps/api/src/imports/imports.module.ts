import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CreateAccountDto } from '../accounts/dto/account.dto';
import { CreateAssetDto } from '../accounts/assets/dto/asset.dto';
import { CreateContactDto } from '../accounts/contacts/dto/contact.dto';
import { CreateFunctionalLocationDto } from '../accounts/functional-locations/dto/functional-location.dto';
import { OutboxModule } from '../outbox/outbox.module';
import { OutboxService } from '../outbox/outbox.service';
import { TenancyService } from '../tenancy/tenancy.service';
import { ImportsController } from './imports.controller';
import { ImportsService, ROW_IMPORTERS } from './imports.service';
import { ColumnSpec, ReferenceSpec, TableImporter } from './table-importer';
import { TechniciansImporter } from './technicians-importer';

const text = (column: string, field: string, sql = column): ColumnSpec => ({ column, field, sql, sqlType: 'text' });
const number = (column: string, field: string): ColumnSpec => ({ column, field, sql: column, sqlType: 'double precision', number: true });
const ADDRESS: ColumnSpec[] = [
  text('address_line1', 'addressLine1'),
  text('address_line2', 'addressLine2'),
  text('city', 'city'),
  text('region', 'region'),
  text('postal_code', 'postalCode'),
  text('country', 'country'),
  number('lat', 'lat'),
  number('lng', 'lng'),
  text('time_zone', 'timeZone'),
];
const ACCOUNT: ReferenceSpec = { column: 'account_external_key', field: 'accountId', table: 'account', sql: 'account_id', required: true };
const ADDRESS_REQUIRED = ['address_line1', 'city', 'country', 'lat', 'lng', 'time_zone'];

@Module({
  imports: [AuditModule, OutboxModule],
  controllers: [ImportsController],
  providers: [
    ImportsService,
    {
      provide: ROW_IMPORTERS,
      inject: [TenancyService, OutboxService],
      useFactory: (tenancy: TenancyService, outbox: OutboxService) => [
        new TableImporter(
          { kind: 'accounts', table: 'account', dto: CreateAccountDto, references: [], columns: [text('name', 'name'), text('email', 'email'), text('phone', 'phone'), ...ADDRESS] },
          tenancy,
          ['external_key', 'name', ...ADDRESS_REQUIRED],
        ),
        new TableImporter(
          {
            kind: 'contacts',
            table: 'contact',
            uniqueEmail: true,
            // New contacts get their invitation, as when added one by one.
            announceAdded: { type: 'contacts.imported', idsField: 'contactIds' },
            dto: CreateContactDto,
            references: [{ ...ACCOUNT, field: undefined }],
            columns: [
              text('first_name', 'firstName'),
              text('last_name', 'lastName'),
              text('email', 'email'),
              text('phone', 'phone'),
              text('language', 'language'),
              text('preferred_channel', 'preferredChannel'),
            ],
          },
          tenancy,
          ['external_key', 'account_external_key', 'first_name', 'last_name'],
          outbox,
        ),
        new TableImporter(
          { kind: 'functional-locations', table: 'functional_location', dto: CreateFunctionalLocationDto, references: [ACCOUNT], columns: [text('name', 'name'), ...ADDRESS] },
          tenancy,
          ['external_key', 'account_external_key', 'name', ...ADDRESS_REQUIRED],
        ),
        new TableImporter(
          {
            kind: 'assets',
            table: 'asset',
            dto: CreateAssetDto,
            references: [
              ACCOUNT,
              { column: 'functional_location_external_key', field: 'functionalLocationId', table: 'functional_location', sql: 'functional_location_id', required: false },
            ],
            columns: [text('name', 'name'), text('serial_number', 'serialNumber')],
          },
          tenancy,
          ['external_key', 'account_external_key', 'name'],
        ),
        new TechniciansImporter(tenancy),
      ],
    },
  ],
})
export class ImportsModule {}
