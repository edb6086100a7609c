import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ConnectorTestResponse, ConnectorVerifyResponse, EnvironmentConnectorSetting, MESSAGE_CHANNELS, MessageChannel } from '@fieldbook/contracts';
import type { Request } from 'express';
import { RequireRole } from '../auth/access';
import { CurrentAdmin, CurrentEnvironment } from '../common/current';
import { requestTranslator } from '../common/error-body';
import { AdminPrincipal, EnvironmentAccess } from '../common/request-context';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { ChannelPipe } from './channel.pipe';
import { ConnectorTestDto, EnableConnectorDto } from './dto/connector.dto';
import { EnvironmentConnectorsService } from './environment-connectors.service';

const CHANNEL_PARAM = ApiParam({ name: 'channel', enum: [...MESSAGE_CHANNELS] });

@ApiTags('connectors')
@EnvironmentScoped()
@Controller('environments/:environmentId/connectors')
export class EnvironmentConnectorsController {
  constructor(private readonly connectors: EnvironmentConnectorsService) {}

  @Get()
  @ApiOperation({ summary: 'The connector of each channel in this environment, secrets masked' })
  list(@CurrentEnvironment() environment: EnvironmentAccess, @Req() req: Request): Promise<EnvironmentConnectorSetting[]> {
    return this.connectors.list(environment, requestTranslator(req));
  }

  @Put(':channel')
  @RequireRole('owner', 'admin')
  @CHANNEL_PARAM
  @ApiOperation({ summary: 'Enable a connector for a channel with its settings (400 with per-field details when they do not fit its schema)' })
  enable(
    @Param('channel', new ChannelPipe()) channel: MessageChannel,
    @Body() body: EnableConnectorDto,
    @CurrentEnvironment() environment: EnvironmentAccess,
    @CurrentAdmin() admin: AdminPrincipal,
    @Req() req: Request,
  ): Promise<EnvironmentConnectorSetting> {
    return this.connectors.enable(environment, channel, body, admin.id, requestTranslator(req));
  }

  @Delete(':channel')
  @HttpCode(204)
  @RequireRole('owner', 'admin')
  @CHANNEL_PARAM
  @ApiOperation({ summary: 'Disable the connector of a channel (its stored settings are deleted)' })
  async disable(@Param('channel', new ChannelPipe()) channel: MessageChannel, @CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    await this.connectors.disable(channel, admin.id);
  }

  @Post(':channel/verify')
  @HttpCode(200)
  @RequireRole('owner', 'admin')
  @CHANNEL_PARAM
  @ApiOperation({ summary: "Check the channel's connector settings with the provider without sending (422 with the provider's reason)" })
  verify(@Param('channel', new ChannelPipe()) channel: MessageChannel, @CurrentEnvironment() environment: EnvironmentAccess, @Req() req: Request): Promise<ConnectorVerifyResponse> {
    return this.connectors.verify(environment, channel, requestTranslator(req));
  }

  @Post(':channel/test')
  @HttpCode(200)
  @RequireRole('owner', 'admin')
  @CHANNEL_PARAM
  @ApiOperation({ summary: "Send a test message now through the channel's connector (422 with the provider's reason)" })
  test(
    @Param('channel', new ChannelPipe()) channel: MessageChannel,
    @Body() body: ConnectorTestDto,
    @CurrentEnvironment() environment: EnvironmentAccess,
    @Req() req: Request,
  ): Promise<ConnectorTestResponse> {
    return this.connectors.sendTest(environment, channel, body.to, requestTranslator(req));
  }
}
