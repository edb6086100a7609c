import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OutboxModule } from '../outbox/outbox.module';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { AssetsController } from './assets/assets.controller';
import { AssetsService } from './assets/assets.service';
import { ContactsController } from './contacts/contacts.controller';
import { ContactsService } from './contacts/contacts.service';
import { FunctionalLocationsController } from './functional-locations/functional-locations.controller';
import { FunctionalLocationsService } from './functional-locations/functional-locations.service';

/** The customer side: accounts, their contacts, functional locations and assets. */
@Module({
  imports: [AuditModule, OutboxModule],
  controllers: [AccountsController, ContactsController, FunctionalLocationsController, AssetsController],
  providers: [AccountsService, ContactsService, FunctionalLocationsService, AssetsService],
  exports: [AccountsService, ContactsService, FunctionalLocationsService, AssetsService],
})
export class AccountsModule {}
