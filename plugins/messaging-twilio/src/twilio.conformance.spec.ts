import { describeConnectorConformance } from '@fieldbook/plugin-sdk/conformance';
import { FakeTwilioApi } from '../test/fake-twilio-api';
import connector from './index';

describeConnectorConformance({ connector, fake: () => new FakeTwilioApi(), recipient: '+14155550123' });
