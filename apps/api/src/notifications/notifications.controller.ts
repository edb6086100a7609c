import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InviteAllResponse, NotificationDetail, NotificationRetryResponse, NotificationSummary, Page } from '@fieldbook/contracts';
import { Request } from 'express';
import { RequireRole } from '../auth/access';
import { CurrentAdmin } from '../common/current';
import { EntityId } from '../common/entity-id.pipe';
import { requestTranslator } from '../common/error-body';
import { AdminPrincipal } from '../common/request-context';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { NotificationQueryDto } from './dto/notification-query.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@EnvironmentScoped()
@Controller('environments/:environmentId/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Every message sent or due, newest first; filter by state, type, channel, contact, booking and creation time' })
  list(@Query() query: NotificationQueryDto, @Req() req: Request): Promise<Page<NotificationSummary>> {
    return this.notifications.list(query, requestTranslator(req));
  }

  @Get(':notificationId')
  @ApiOperation({ summary: 'One message with its content as sent (subject, text, HTML, attachment names)' })
  get(@Param('notificationId', EntityId('notificationNotFound')) id: string, @Req() req: Request): Promise<NotificationDetail> {
    return this.notifications.get(id, requestTranslator(req));
  }

  @Post(':notificationId/retry')
  @RequireRole('owner', 'admin', 'dispatcher')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a dead or failed message again (409 for any other state)' })
  retry(@Param('notificationId', EntityId('notificationNotFound')) id: string, @CurrentAdmin() admin: AdminPrincipal): Promise<NotificationRetryResponse> {
    return this.notifications.retry(id, admin.id);
  }

  @Post('invite-all')
  @RequireRole('owner', 'admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Invite every active contact of an active account who has not been invited yet (once; never twice)' })
  inviteAll(@CurrentAdmin() admin: AdminPrincipal): Promise<InviteAllResponse> {
    return this.notifications.inviteAll(admin.id);
  }
}
