import { PipeTransform } from '@nestjs/common';
import { MESSAGE_CHANNELS, MessageChannel } from '@fieldbook/contracts';
import { NotFoundError } from '../common/domain-error';

/** `:channel` of a route: `email` or `sms`; anything else names nothing (404). */
export class ChannelPipe implements PipeTransform<string, MessageChannel> {
  transform(value: string): MessageChannel {
    if (!(MESSAGE_CHANNELS as readonly string[]).includes(value)) throw new NotFoundError('api:connectors.errors.channelNotFound', { channel: String(value).slice(0, 40) });
    return value as MessageChannel;
  }
}
