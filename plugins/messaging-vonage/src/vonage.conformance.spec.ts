import { describeConnectorConformance } from '@fieldbook/plugin-sdk/conformance';
import { FakeVonage } from '../test/fake-vonage';
import connector from './index';

describeConnectorConformance({ connector, fake: () => new FakeVonage(), recipient: '+14155550123' });
