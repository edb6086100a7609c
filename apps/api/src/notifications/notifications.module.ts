import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BookingCodesModule } from '../booking-codes/booking-codes.module';
import { MessageSettingsModule } from '../message-settings/message-settings.module';
import { MessagingModule } from '../messaging/messaging.module';
import { OutboxModule } from '../outbox/outbox.module';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryStatusService, DeliveryWebhooksController } from './delivery-webhooks.controller';
import { NotificationDelivery } from './notification-delivery';
import { NotificationPlanner } from './notification-planner';
import { NotificationRenderer } from './notification-renderer';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { ReminderScheduler } from './reminder-scheduler';

/**
 * Customer messages from cause to delivery: the planner writes notifications in the transaction of
 * the change (booking events through the outbox, new contacts, reminder runs), the delivery queue
 * (pg-boss) carries them, the worker renders and sends them, provider webhooks report delivery,
 * and the log shows every one.
 */
@Module({
  imports: [AuditModule, OutboxModule, MessagingModule, MessageSettingsModule, BookingCodesModule],
  controllers: [NotificationsController, DeliveryWebhooksController],
  providers: [DeliveryQueue, NotificationPlanner, NotificationRenderer, NotificationDelivery, NotificationsService, ReminderScheduler, DeliveryStatusService],
  exports: [NotificationPlanner, ReminderScheduler, NotificationDelivery, DeliveryQueue],
})
export class NotificationsModule {}
