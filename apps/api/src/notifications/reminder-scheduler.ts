import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { MessageSettings } from '@fieldbook/contracts';
import { instantToLocal, localDateTimeToInstant } from '@fieldbook/scheduling';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MessageSettingsService } from '../message-settings/message-settings.service';
import { TenancyService } from '../tenancy/tenancy.service';
import { NotificationPlanner, PlannedMessage } from './notification-planner';

interface Candidate {
  id: string;
  contact_id: string;
  starts_at: Date;
  calendar_sequence: number;
  time_zone: string;
  lead_days: number;
}

/** Environments whose reminders are planned at the same time. */
const ENVIRONMENTS_AT_ONCE = 2;

/** A run that is due: its key (the once-a-day guard), the local date it is for, its moment, and the zone it covers (null: all). */
interface DueRun {
  key: string;
  date: string;
  at: Date;
  timeZone: string | null;
}

/**
 * The daily reminder run. Every minute each instance with the scheduler role looks at every
 * environment; an environment's run is due once its reminder time has passed (in UTC, or in each
 * service location's zone), and a `reminder_run` row per environment and day (and zone) makes it
 * happen once however many instances look. An advisory lock keeps two instances from even trying
 * the same environment at once; the notification dedupe key (booking, lead day, start) makes each
 * reminder exactly one notification whatever happens.
 */
@Injectable()
export class ReminderScheduler {
  private readonly logger = new Logger('Reminders');
  private running = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tenancy: TenancyService,
    private readonly settings: MessageSettingsService,
    private readonly planner: NotificationPlanner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Cron(CronExpression.EVERY_MINUTE, { name: 'reminders' })
  async tick(): Promise<void> {
    if (!this.config.roles.scheduler || this.running) return;
    this.running = true;
    try {
      const enqueued = await this.runDue();
      if (enqueued > 0) this.logger.log(`Enqueued ${enqueued} reminders.`);
    } catch (error) {
      this.logger.error(`Reminder run failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /** Runs what is due in every environment (or the ones given); returns the reminders enqueued. */
  async runDue(now = new Date(), environmentIds?: string[]): Promise<number> {
    const ids = environmentIds ?? (await this.dataSource.query(`SELECT id FROM environment ORDER BY id`)).map((row: { id: string }) => row.id);
    let total = 0;
    let next = 0;
    // Environments are independent (a transaction, an advisory lock and a reminder_run row each): a
    // few at once keep the database and the planner busy while the other waits on the database.
    const lane = async () => {
      for (let index = next++; index < ids.length; index = next++) {
        const enqueued = await this.tenancy.run(ids[index] as string, () => this.runEnvironment(now));
        total += enqueued;
      }
    };
    await Promise.all(Array.from({ length: Math.min(ENVIRONMENTS_AT_ONCE, ids.length) }, lane));
    return total;
  }

  private async runEnvironment(now: Date): Promise<number> {
    const manager = this.tenancy.manager;
    const [{ locked }]: { locked: boolean }[] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext('fieldbook.reminders'), hashtext($1)) AS locked`, [
      this.tenancy.environmentId,
    ]);
    if (!locked) return 0;
    const settings = await this.settings.current();
    if (!settings.enabled.reminder || settings.reminderLeadDays.length === 0) return 0;
    let total = 0;
    for (const run of await this.dueRuns(settings, now)) {
      const started: unknown[] = await manager.query(
        `INSERT INTO reminder_run (environment_id, run_key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING run_key`,
        [this.tenancy.environmentId, run.key],
      );
      if (started.length === 0) continue;
      const candidates: Candidate[] = await manager.query(
        `SELECT b.id, wo.reported_by_contact_id AS contact_id, b.starts_at, b.calendar_sequence, wo.time_zone, d.lead_days
           FROM booking b
           JOIN work_order wo ON wo.id = b.work_order_id
          CROSS JOIN unnest($1::int[]) AS d (lead_days)
          WHERE b.status = 'scheduled' AND b.source = 'portal' AND wo.reported_by_contact_id IS NOT NULL
            AND b.starts_at > $2 AND b.created_at <= $3
            AND b.starts_at >= $4::date - 2 AND b.starts_at < $4::date + 10
            AND (b.starts_at AT TIME ZONE wo.time_zone)::date = $4::date + d.lead_days
            AND ($5::text IS NULL OR wo.time_zone = $5)
            AND NOT EXISTS (SELECT 1 FROM message_exclusion x WHERE x.account_id = wo.account_id OR x.incident_type_id = wo.incident_type_id)`,
        [settings.reminderLeadDays, now, run.at, run.date, run.timeZone],
      );
      const messages: PlannedMessage[] = candidates.map((candidate) => ({
        type: 'reminder',
        contactId: candidate.contact_id,
        bookingId: candidate.id,
        dedupeKey: `reminder:${candidate.id}:${candidate.lead_days}:${candidate.starts_at.toISOString()}`,
        timeZone: candidate.time_zone,
        context: { startsAt: candidate.starts_at.toISOString(), leadDays: candidate.lead_days, calendarSequence: candidate.calendar_sequence },
      }));
      const planned = await this.planner.plan(messages, settings, now);
      const enqueued = planned.filter((item) => item.state === 'queued').length;
      await manager.query(`UPDATE reminder_run SET enqueued = $2 WHERE run_key = $1`, [run.key, enqueued]);
      total += enqueued;
    }
    return total;
  }

  /** The runs whose time has come: today's UTC run, or today's run in each zone with upcoming bookings. */
  private async dueRuns(settings: MessageSettings, now: Date): Promise<DueRun[]> {
    if (settings.reminderTiming === 'utc') {
      const date = now.toISOString().slice(0, 10);
      const at = new Date(`${date}T${settings.reminderTime}:00Z`);
      return at <= now ? [{ key: `utc:${date}`, date, at, timeZone: null }] : [];
    }
    const zones: { time_zone: string }[] = await this.tenancy.manager.query(
      `SELECT DISTINCT wo.time_zone FROM booking b JOIN work_order wo ON wo.id = b.work_order_id
        WHERE b.status = 'scheduled' AND b.source = 'portal' AND b.starts_at > $1 AND b.starts_at < $1::timestamptz + interval '9 days'`,
      [now],
    );
    const runs: DueRun[] = [];
    for (const { time_zone: timeZone } of zones) {
      const local = instantToLocal(now.getTime(), timeZone);
      const at = localDateTimeToInstant(local.date, settings.reminderTime, timeZone);
      // A reminder time skipped by a DST change counts as passed once the clock is beyond it.
      if (local.time < settings.reminderTime || (at !== null && at > now.getTime())) continue;
      runs.push({ key: `local:${timeZone}:${local.date}`, date: local.date, at: new Date(at ?? now.getTime()), timeZone });
    }
    return runs;
  }
}
