import { describeConnectorConformance } from '@fieldbook/plugin-sdk/conformance';
import { FakePostmark } from '../test/fake-postmark';
import connector from './index';

// Postmark authenticates webhooks with the basic credentials of the webhook URL and signs no body:
// changed or missing credentials must be refused, a changed body cannot be detected.
describeConnectorConformance({ connector, fake: () => new FakePostmark(), recipient: 'ada@example.com', webhookAuthentication: 'credentials' });
