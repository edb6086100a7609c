import { Injectable } from '@nestjs/common';
import { TenancyService } from '../tenancy/tenancy.service';

export type DomainEventType = 'booking.created' | 'booking.rescheduled' | 'booking.canceled' | 'booking.status_changed';

/**
 * Domain events written in the same transaction as the change that causes them: either both the
 * change and its event are stored or neither. Messaging reads them from here.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly tenancy: TenancyService) {}

  async emit(type: DomainEventType, aggregateId: string, payload: Record<string, unknown>): Promise<void> {
    await this.tenancy.manager.query(`INSERT INTO outbox_event (environment_id, type, aggregate_id, payload) VALUES ($1, $2, $3, $4)`, [
      this.tenancy.environmentId,
      type,
      aggregateId,
      JSON.stringify(payload),
    ]);
  }
}
