import { Injectable } from '@nestjs/common';
import { TenancyService } from '../tenancy/tenancy.service';

export type DomainEventType =
  | 'booking.created'
  | 'booking.rescheduled'
  | 'booking.canceled'
  | 'booking.status_changed'
  | 'contact.created'
  /** A CSV import added contacts; `payload.contactIds` lists them. */
  | 'contacts.imported';

export interface DomainEvent {
  id: string;
  type: DomainEventType;
  aggregateId: string;
  payload: Record<string, unknown>;
}

/** Reacts to a domain event inside the transaction that emitted it (messaging writes its notifications this way). */
export type DomainEventSubscriber = (event: DomainEvent) => Promise<void>;

/**
 * Domain events written in the same transaction as the change that causes them: either both the
 * change and its event are stored or neither. Subscribers run in that transaction too, so what
 * they write (a customer's notification) shares the change's fate.
 */
@Injectable()
export class OutboxService {
  private readonly subscribers: DomainEventSubscriber[] = [];

  constructor(private readonly tenancy: TenancyService) {}

  subscribe(subscriber: DomainEventSubscriber): void {
    this.subscribers.push(subscriber);
  }

  async emit(type: DomainEventType, aggregateId: string, payload: Record<string, unknown>): Promise<void> {
    const handled = this.subscribers.length > 0;
    const [{ id }]: { id: string }[] = await this.tenancy.manager.query(
      `INSERT INTO outbox_event (environment_id, type, aggregate_id, payload, processed_at) VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN now() END) RETURNING id`,
      [this.tenancy.environmentId, type, aggregateId, JSON.stringify(payload), handled],
    );
    for (const subscriber of this.subscribers) await subscriber({ id, type, aggregateId, payload });
  }
}
