import { vonageConnector } from './vonage.connector';

export { vonageConnector, vonageManifest, vonageStatusError, vonageHttpError, isGsm7, STATUS_WEBHOOK_PATH } from './vonage.connector';
export { parseVonageReceipt, vonageSignature } from './vonage-webhook';
export default vonageConnector;
