import { postmarkConnector } from './postmark.connector';

export { postmarkConnector, postmarkManifest, postmarkError, IDEMPOTENCY_HEADER } from './postmark.connector';
export { parsePostmarkWebhook } from './postmark-webhook';
export default postmarkConnector;
