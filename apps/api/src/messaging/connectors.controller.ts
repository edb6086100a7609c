import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConnectorInfo } from '@fieldbook/contracts';
import { ConnectorRegistry, toConnectorInfo } from './connector-registry';

@ApiTags('connectors')
@Controller('connectors')
export class ConnectorsController {
  constructor(private readonly registry: ConnectorRegistry) {}

  @Get()
  @ApiOperation({ summary: 'Messaging connectors installed on this Fieldbook, with the settings each needs (for rendering forms)' })
  list(): ConnectorInfo[] {
    return this.registry.list().map(toConnectorInfo);
  }
}
