import { describeConnectorConformance } from '../index';
import { relaySmsConnector } from './relay-sms.connector';
import { RelaySmsFake } from './relay-sms.fake';

describeConnectorConformance({ connector: relaySmsConnector, fake: () => new RelaySmsFake(), recipient: '+14155550123' });
