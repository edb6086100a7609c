import { Controller, HttpCode, HttpStatus, Injectable, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EnvironmentKind, MESSAGE_CHANNELS, MessageChannel } from '@fieldbook/contracts';
import { StatusUpdate } from '@fieldbook/plugin-sdk';
import { Request } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access';
import { NotFoundError, UnauthenticatedError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { EnvironmentConnectorsService } from '../messaging/environment-connectors.service';
import { TenancyService } from '../tenancy/tenancy.service';
import { NotificationPlanner } from './notification-planner';
import { Inject } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Delivery reports from providers: the environment's enabled connector checks the signature with
 * the tenant's credentials and reads the report; a sent message becomes delivered or failed (and a
 * failed SMS falls back to email). A report never moves a message backwards.
 */
@Injectable()
export class DeliveryStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenancy: TenancyService,
    private readonly connectors: EnvironmentConnectorsService,
    private readonly planner: NotificationPlanner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async receive(environmentId: string, channel: string, req: Request): Promise<number> {
    if (!UUID.test(environmentId) || !MESSAGE_CHANNELS.includes(channel as MessageChannel)) throw new NotFoundError('notFound');
    const [environment]: { id: string; kind: EnvironmentKind }[] = await this.dataSource.query(`SELECT id, kind FROM environment WHERE id = $1`, [environmentId]);
    if (!environment) throw new NotFoundError('notFound');
    return this.tenancy.run(environment.id, async () => {
      const resolved = await this.connectors.resolve(environment, channel as MessageChannel).catch(() => undefined);
      const parse = resolved?.installed.connector.parseStatusWebhook;
      if (!resolved || !parse) throw new NotFoundError('notFound');
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      let updates: StatusUpdate[];
      try {
        updates = await parse(
          { url: `${this.config.publicUrl}${req.originalUrl}`, method: req.method, headers, rawBody: (req as Request & { rawBody?: string }).rawBody ?? '' },
          resolved.config,
        );
      } catch (error) {
        if ((error as Error).name === 'InvalidSignatureError') throw new UnauthenticatedError('api:notifications.errors.webhookSignature');
        throw error;
      }
      return this.apply(updates);
    });
  }

  private async apply(updates: StatusUpdate[]): Promise<number> {
    let changed = 0;
    for (const update of updates) {
      if (update.state === 'sent') continue;
      // An UPDATE … RETURNING answers [rows, count].
      const [rows]: [{ id: string; channel: MessageChannel }[], number] = await this.tenancy.manager.query(
        `UPDATE notification SET state = $2, delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END,
                last_error = CASE WHEN $2 = 'failed' THEN left(coalesce($3, 'The provider reported the message as not delivered.'), 2000) ELSE last_error END,
                updated_at = now()
          WHERE provider_message_id = $1 AND state IN ('sending', 'sent') RETURNING id, channel`,
        [update.providerMessageId, update.state, update.reason ?? null],
      );
      changed += rows.length;
      for (const row of rows) if (update.state === 'failed' && row.channel === 'sms') await this.planner.fallbackToEmail(row.id);
    }
    return changed;
  }
}

@ApiTags('notifications')
@Controller('webhooks/delivery')
export class DeliveryWebhooksController {
  constructor(private readonly status: DeliveryStatusService) {}

  @Public()
  @Post(':environmentId/:channel')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "A provider's delivery report for a message of this environment and channel (signed with the tenant's credentials; 401 otherwise)" })
  async receive(@Param('environmentId') environmentId: string, @Param('channel') channel: string, @Req() req: Request): Promise<void> {
    await this.status.receive(environmentId, channel, req);
  }

  @Public()
  @Post(':environmentId/:channel/*path')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'The same, for connectors that add their own path to the callback address' })
  async receiveWithPath(@Param('environmentId') environmentId: string, @Param('channel') channel: string, @Req() req: Request): Promise<void> {
    await this.status.receive(environmentId, channel, req);
  }
}
