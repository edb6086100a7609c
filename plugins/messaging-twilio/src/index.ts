import { twilioConnector } from './twilio.connector';

export { manifest, STATUS_WEBHOOK_PATH, twilioConnector } from './twilio.connector';
export default twilioConnector;
