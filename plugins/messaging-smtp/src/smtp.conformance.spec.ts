import { describeConnectorConformance } from '@fieldbook/plugin-sdk/conformance';
import connector from './index';
import { FakeSmtpServer } from '../test/fake-smtp-server';

describeConnectorConformance({ connector, fake: () => new FakeSmtpServer(), recipient: 'ada@example.com' });
