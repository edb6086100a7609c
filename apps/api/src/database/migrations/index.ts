import { CreatePlatformTables1764000000000 } from './1764000000000-create-platform-tables';
import { CreateAuthTables1764000001000 } from './1764000001000-create-auth-tables';
import { CreatePortalSettingsAndAudit1764000002000 } from './1764000002000-create-portal-settings-and-audit';
import { CreateSchedulingTables1764000003000 } from './1764000003000-create-scheduling-tables';
import { AddContactPreferredChannel1764000003100 } from './1764000003100-add-contact-preferred-channel';
import { CreateMessagingTables1764000004000 } from './1764000004000-create-messaging-tables';
import { CreateNotificationTables1764000005000 } from './1764000005000-create-notification-tables';
import { CreateReminderRun1764000005100 } from './1764000005100-create-reminder-run';
import { AddAvailabilitySearchIndexes1764000006000 } from './1764000006000-add-availability-search-indexes';
import { CreatePortalUsers1764000007000 } from './1764000007000-create-portal-users';
import { LightenNotificationWrites1764000007900 } from './1764000007900-lighten-notification-writes';
import { MailboxContentByReference1764000008000 } from './1764000008000-mailbox-content-by-reference';

/** Every migration, in order. Listed by hand because the API is bundled (no directory globbing). */
export const MIGRATIONS = [
  CreatePlatformTables1764000000000,
  CreateAuthTables1764000001000,
  CreatePortalSettingsAndAudit1764000002000,
  CreateSchedulingTables1764000003000,
  AddContactPreferredChannel1764000003100,
  CreateMessagingTables1764000004000,
  CreateNotificationTables1764000005000,
  CreateReminderRun1764000005100,
  AddAvailabilitySearchIndexes1764000006000,
  CreatePortalUsers1764000007000,
  LightenNotificationWrites1764000007900,
  MailboxContentByReference1764000008000,
];

export const MIGRATIONS_TABLE = 'migrations';
