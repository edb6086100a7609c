import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ConnectorRegistry } from './connector-registry';
import { ConnectorsController } from './connectors.controller';
import { EnvironmentConnectorsController } from './environment-connectors.controller';
import { EnvironmentConnectorsService } from './environment-connectors.service';
import { MailboxController } from './mailbox.controller';
import { MailboxService } from './mailbox.service';
import { Keyring, SecretBox } from './secret-box';

@Module({
  imports: [AuditModule],
  controllers: [ConnectorsController, EnvironmentConnectorsController, MailboxController],
  providers: [
    ConnectorRegistry,
    MailboxService,
    EnvironmentConnectorsService,
    { provide: SecretBox, useFactory: (config: AppConfig) => new SecretBox(new Keyring(config.encryptionKey, config.encryptionKeysOld)), inject: [APP_CONFIG] },
  ],
  exports: [ConnectorRegistry, MailboxService, EnvironmentConnectorsService, SecretBox],
})
export class MessagingModule {}
